// A minimal SQL connection that both backends provide, for the work Prisma's query builder is
// not meant for: migrations, bulk loads and set-based aggregates. Raw SQL casts what it returns
// (::text for dates and money, ::int for counts) so both backends yield the same JavaScript values.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type pg from 'pg';
import { isConnectionLost } from './sql-errors.ts';

export type Row = Record<string, unknown>;

export interface SqlConn {
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a multi-statement script with the simple-query protocol (one implicit transaction). */
  exec(script: string): Promise<void>;
  /**
   * Bulk-loads COPY text-format lines (`a\tb\n`, as text or UTF-8 bytes) into `table (columns)`, streaming with
   * back-pressure on Postgres and in bounded blobs on PGlite. Absent on a pool (COPY needs one
   * connection): use it inside `transaction` or `session`.
   */
  copyFrom?(
    table: string,
    columns: readonly string[],
    lines: AsyncIterable<string | Uint8Array>,
  ): Promise<void>;
  /**
   * Calls `onRow` for each row as it arrives and keeps none, so a read of tens of thousands of
   * wide rows never holds them all at once. Absent where rows come all at once: use `forEachRow`.
   */
  eachRow?<T extends Row>(sql: string, params: readonly unknown[], onRow: (row: T) => void): Promise<void>;
}

/** Each row of a query, as it arrives where the connection can stream them; else after the query. */
export async function forEachRow<T extends Row>(
  conn: SqlConn,
  sql: string,
  params: readonly unknown[],
  onRow: (row: T) => void,
): Promise<void> {
  if (conn.eachRow) return conn.eachRow(sql, params, onRow);
  for (const row of await conn.query<T>(sql, params)) onRow(row);
}

export interface Sql extends SqlConn {
  /** Runs `fn` inside one transaction on one connection; rolls back if it throws. */
  transaction<T>(fn: (tx: SqlConn) => Promise<T>): Promise<T>;
  /** Runs `fn` on one dedicated session (needed for session-level advisory locks). */
  session<T>(fn: (conn: SqlConn) => Promise<T>): Promise<T>;
}

type PgQueryable = Pick<pg.PoolClient, 'query'>;

const copyStatement = (table: string, columns: readonly string[], from: string) =>
  `COPY "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) FROM ${from}`;

export function pgConn(client: PgQueryable): SqlConn {
  return {
    query: async <T extends Row>(text: string, params?: readonly unknown[]) =>
      (await client.query(text, params as unknown[])).rows as T[],
    exec: async (script) => {
      await client.query(script);
    },
  };
}

function pgClientConn(client: pg.PoolClient): SqlConn {
  return {
    ...pgConn(client),
    eachRow: async <T extends Row>(text: string, params: readonly unknown[], onRow: (row: T) => void) => {
      const { default: driver } = await import('pg');
      await new Promise<void>((resolve, reject) => {
        const query = new driver.Query<T>(text, params as unknown[]);
        // A throw in onRow must not escape into the driver's socket handler: the query is let
        // finish (the connection stays usable) and fails with it.
        let failed: { error: unknown } | undefined;
        query.on('row', (row: T) => {
          if (failed) return;
          try {
            onRow(row);
          } catch (error) {
            failed = { error };
          }
        });
        query.on('error', reject);
        query.on('end', () => (failed ? reject(failed.error) : resolve()));
        client.query(query);
      });
    },
    copyFrom: async (table, columns, lines) => {
      const { from: copyFromStdin } = await import('pg-copy-streams');
      const sink = client.query(copyFromStdin(copyStatement(table, columns, 'STDIN')));
      await pipeline(Readable.from(lines), sink);
    },
  };
}

export function pgSql(pool: pg.Pool): Sql {
  const onSession = async <T>(fn: (conn: SqlConn) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    // The pool listens for errors only on idle clients. A checked-out client whose connection is
    // lost (backend terminated, server restarted) emits 'error'; with no listener that event would
    // kill the process. The failure itself reaches the caller through the query that was running.
    let lost: Error | undefined;
    const onError = (err: Error) => {
      lost = err;
    };
    client.on('error', onError);
    let failure: unknown;
    try {
      return await fn(pgClientConn(client));
    } catch (err) {
      failure = err;
      throw err;
    } finally {
      client.removeListener('error', onError);
      // A broken connection is destroyed, never handed to the next caller.
      const broken = lost ?? (isConnectionLost(failure) ? (failure as Error) : undefined);
      client.release(broken);
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
          // On a lost connection ROLLBACK fails too (the server rolled back already); the first
          // error is the one that says what happened.
          await conn.exec('ROLLBACK').catch(() => {});
          throw err;
        }
      }),
  };
}

/** PGlite reads COPY input from a blob; lines are sent in blobs of about this many characters. */
const PGLITE_COPY_CHUNK = 4 * 1024 * 1024;

function pgliteConn(db: PGlite | Transaction): SqlConn {
  return {
    query: async <T extends Row>(text: string, params?: readonly unknown[]) =>
      (await db.query<T>(text, params as unknown[])).rows,
    exec: async (script) => {
      await db.exec(script);
    },
    copyFrom: async (table, columns, lines) => {
      const statement = copyStatement(table, columns, "'/dev/blob'");
      let parts: (string | Uint8Array)[] = [];
      let size = 0;
      const flush = async () => {
        if (!parts.length) return;
        await db.query(statement, [], { blob: new Blob(parts) });
        parts = [];
        size = 0;
      };
      for await (const line of lines) {
        parts.push(line);
        size += typeof line === 'string' ? line.length : line.byteLength;
        if (size >= PGLITE_COPY_CHUNK) await flush();
      }
      await flush();
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

/** True when the database answers a trivial query (health checks); throws what the driver threw. */
export async function databaseAnswers(conn: SqlConn): Promise<true> {
  await conn.query('SELECT 1');
  return true;
}
