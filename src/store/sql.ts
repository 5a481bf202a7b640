// A minimal SQL connection that both backends provide, for the work Prisma's query builder is
// not meant for: migrations, bulk loads and set-based aggregates. Raw SQL casts what it returns
// (::text for dates and money, ::int for counts) so both backends yield the same JavaScript values.
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type pg from 'pg';

export type Row = Record<string, unknown>;

export interface SqlConn {
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a multi-statement script with the simple-query protocol (one implicit transaction). */
  exec(script: string): Promise<void>;
}

export interface Sql extends SqlConn {
  /** Runs `fn` inside one transaction on one connection; rolls back if it throws. */
  transaction<T>(fn: (tx: SqlConn) => Promise<T>): Promise<T>;
  /** Runs `fn` on one dedicated session (needed for session-level advisory locks). */
  session<T>(fn: (conn: SqlConn) => Promise<T>): Promise<T>;
}

type PgQueryable = Pick<pg.PoolClient, 'query'>;

export function pgConn(client: PgQueryable): SqlConn {
  return {
    query: async <T extends Row>(text: string, params?: readonly unknown[]) =>
      (await client.query(text, params as unknown[])).rows as T[],
    exec: async (script) => {
      await client.query(script);
    },
  };
}

export function pgSql(pool: pg.Pool): Sql {
  const onSession = async <T>(fn: (conn: SqlConn) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      return await fn(pgConn(client));
    } finally {
      client.release();
    }
  };
  return {
    ...pgConn(pool),
    session: onSession,
    transaction: (fn) =>
      onSession(async (conn) => {
        await conn.exec('BEGIN');
        try {
          const result = await fn(conn);
          await conn.exec('COMMIT');
          return result;
        } catch (err) {
          await conn.exec('ROLLBACK');
          throw err;
        }
      }),
  };
}

function pgliteConn(db: PGlite | Transaction): SqlConn {
  return {
    query: async <T extends Row>(text: string, params?: readonly unknown[]) =>
      (await db.query<T>(text, params as unknown[])).rows,
    exec: async (script) => {
      await db.exec(script);
    },
  };
}

export function pgliteSql(db: PGlite): Sql {
  return {
    ...pgliteConn(db),
    // PGlite is a single session, so the whole instance is "one dedicated session".
    session: (fn) => fn(pgliteConn(db)),
    transaction: (fn) => db.transaction((tx) => fn(pgliteConn(tx))),
  };
}
