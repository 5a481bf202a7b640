// Opens the account store on whichever backend is configured: a real PostgreSQL when
// DATABASE_URL is set, otherwise the embedded PGlite persisted under CALLSHEET_DATA_DIR.
// Nothing outside this file knows which one runs.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client.ts';
import { UserError } from '../shared/errors.ts';
import type { PoolUse } from '../shared/metrics.ts';
import { migrate, migrationStatus } from './migrate.ts';
import { seedFromTemplate } from './pglite-template.ts';
import { pgliteSql, pgSql, type Sql } from './sql.ts';

export type Backend = 'postgres' | 'pglite';

export interface Store {
  prisma: PrismaClient;
  sql: Sql;
  backend: Backend;
  /** Where the data lives, safe to print (no password). */
  location: string;
  /** Connection use, for the pool gauges of /metrics. */
  connections?: () => PoolUse;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  databaseUrl?: string | undefined;
  /** PGlite folder; 'memory://' keeps everything in memory. */
  dataDir?: string | undefined;
  /**
   * auto: apply pending migrations; check: refuse to run with pending ones (production Postgres
   * is migrated by `callsheet db migrate`); none: open as is (for `db status`/`db migrate`).
   */
  migrations?: 'auto' | 'check' | 'none';
  log?: (line: string) => void;
}

/** postgresql://user:secret@host/db → postgresql://user@host/db */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    return u.toString().replace(/:@/, '@');
  } catch {
    return '(unparseable URL)';
  }
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const store = options.databaseUrl
    ? await openPostgres(options.databaseUrl)
    : await openPglite(options.dataDir ?? '.callsheet', (options.migrations ?? 'auto') === 'auto');
  const mode = options.migrations ?? (store.backend === 'pglite' ? 'auto' : 'check');
  try {
    if (mode === 'auto')
      await store.sql.session((conn) => migrate(conn, options.log ? { log: options.log } : {}));
    if (mode === 'check') {
      const status = await store.sql.session((conn) => migrationStatus(conn));
      if (status.pending.length) {
        throw new UserError(
          `the database at ${store.location} is missing ${status.pending.length} migration(s) (${status.pending.join(', ')}). Run \`callsheet db migrate\` first.`,
        );
      }
    }
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}

async function openPostgres(url: string): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 10_000,
    // Names our sessions in pg_stat_activity (a name in the URL wins); keep-alive notices a
    // connection that died without a word (a failover, a dropped route).
    application_name: 'callsheet',
    keepAlive: true,
  });
  const location = redactUrl(url);
  // An idle client's error (e.g. the server restarted) must not crash the process.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end();
    throw new UserError(
      `cannot reach the database in DATABASE_URL (${location}): ${describePgError(err)}. Check the host, port, user and database name.`,
    );
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    sql: pgSql(pool),
    backend: 'postgres',
    location,
    connections: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

function describePgError(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { code?: string; message?: string };
    if (e.code === 'ECONNREFUSED') return 'connection refused';
    if (e.code === 'ENOTFOUND') return 'host not found';
    if (e.message) return e.message;
  }
  return String(err);
}

/** `seed`: a new folder may start as a copy of the migrated template (same result, faster). */
async function openPglite(dataDir: string, seed: boolean): Promise<Store> {
  const inMemory = dataDir.startsWith('memory://');
  const release = inMemory ? () => {} : lockDataDir(dataDir);
  let db: PGlite;
  try {
    if (!inMemory) {
      mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
      if (seed) seedFromTemplate(dataDir);
    }
    db = await PGlite.create(inMemory ? {} : { dataDir });
  } catch (err) {
    release();
    throw new UserError(
      `cannot open the embedded database in ${dataDir}: ${err instanceof Error ? err.message : String(err)}. Move the folder aside or set CALLSHEET_DATA_DIR to another one.`,
    );
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(db) });
  return {
    prisma,
    sql: pgliteSql(db),
    backend: 'pglite',
    // One in-process connection that queues its queries itself: always open, never waited for.
    connections: () => ({ total: 1, idle: 1, waiting: 0 }),
    location: inMemory ? 'embedded (in memory)' : `embedded (${dataDir})`,
    close: async () => {
      try {
        await prisma.$disconnect();
        await db.close();
      } finally {
        release();
      }
    },
  };
}

/**
 * PGlite is a single-process database: a second process opening the same folder would corrupt
 * it. A lock file next to the folder makes the second one stop with a clear message instead.
 */
function lockDataDir(dataDir: string): () => void {
  const lockPath = `${path.resolve(dataDir)}.lock`;
  mkdirSync(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(readFileSync(lockPath, 'utf8'));
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new UserError(
          `another Callsheet process (pid ${holder}) is using the embedded database in ${dataDir}. Stop it first, or use PostgreSQL (DATABASE_URL) to run several processes.`,
        );
      }
      rmSync(lockPath, { force: true }); // left by a process that died
    }
  }
  throw new UserError(`cannot lock the embedded database folder ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
