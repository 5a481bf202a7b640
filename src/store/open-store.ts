// Opens the account store on whichever backend is configured: a real PostgreSQL when
// DATABASE_URL is set, otherwise the embedded PGlite persisted under CALLSHEET_DATA_DIR.
// Nothing outside this file knows which one runs.
//
// The embedded database belongs to one process at a time (a lock file next to its folder names
// it). A process opened with `share` (`callsheet serve`) lets others in through a unix socket
// (pglite-socket.ts); a command that finds the database held that way connects to the socket.
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PGlite } from '@electric-sql/pglite';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { UserError } from '../shared/errors.ts';
import type { PoolUse } from '../shared/metrics.ts';
import { migrate, migrationStatus } from './migrate.ts';
import { seedFromTemplate } from './pglite-template.ts';
import { pgliteSql, pgSql, type Sql } from './sql.ts';

export type Backend = 'postgres' | 'pglite';

export interface Store {
  /** Prisma's client, for tests and tools: only on a store opened with `prisma: true`. */
  readonly prisma: PrismaClient;
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
  /** Let other processes use this embedded database through a local socket while it is open. */
  share?: boolean;
  /** Load Prisma's client (`store.prisma`); the commands use SQL only and start faster without it. */
  prisma?: boolean;
  /**
   * A short command on the embedded database: PGlite starts with small shared buffers, which it
   * allocates and clears at start-up (16 MB instead of 128 MB: ~120 MB less memory, less CPU).
   */
  lean?: boolean;
  /** How long to wait for another process holding the embedded database (ms). */
  waitForHolderMs?: number;
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
  const connection = options.databaseUrl
    ? await openPostgres(options.databaseUrl)
    : await openPglite(options.dataDir ?? '.callsheet', options);
  const store = options.prisma ? await withPrisma(connection) : withoutPrisma(connection);
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

/** A store before Prisma: what each backend opens, with how Prisma would reach it. */
interface Connection extends Omit<Store, 'prisma'> {
  prismaAdapter(): Promise<NonNullable<ConstructorParameters<typeof PrismaClient>[0]['adapter']>>;
}

/** Spreading such a store (`{ ...store }`) skips the hidden `prisma` that would throw. */
function withoutPrisma(connection: Connection): Store {
  const store = { ...connection } as Connection & Store;
  Object.defineProperty(store, 'prisma', {
    enumerable: false,
    get(): never {
      throw new Error('this store was opened without Prisma: pass { prisma: true } to openStore');
    },
  });
  return store;
}

async function withPrisma(connection: Connection): Promise<Store> {
  const { PrismaClient } = await import('../generated/prisma/client.ts');
  const prisma = new PrismaClient({ adapter: await connection.prismaAdapter() });
  return {
    ...connection,
    prisma,
    close: async () => {
      await prisma.$disconnect();
      await connection.close();
    },
  };
}

async function openPostgres(url: string, max = 10): Promise<Connection> {
  // Loaded here: a command on the embedded database never needs the PostgreSQL driver.
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: url,
    max,
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
  return {
    sql: pgSql(pool),
    backend: 'postgres',
    location,
    connections: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    prismaAdapter: async () => new (await import('@prisma/adapter-pg')).PrismaPg(pool),
    close: () => pool.end(),
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

/** The socket folder of a shared embedded database (a unix socket path must stay short). */
export function socketDirOf(dataDir: string): string {
  const beside = `${path.resolve(dataDir)}.socket`;
  if (beside.length < 80) return beside;
  const hash = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
  return path.join(os.tmpdir(), `callsheet-${hash}`);
}

const SOCKET_FILE = '.s.PGSQL.5432';

async function openPglite(dataDir: string, options: OpenStoreOptions): Promise<Connection> {
  const lean = Boolean(options.lean) && !options.share;
  if (dataDir.startsWith('memory://'))
    return openOwnPglite(dataDir, { seed: false, share: false, lean, release: () => {} });
  const deadline = Date.now() + (options.waitForHolderMs ?? 30_000);
  for (;;) {
    const lock = lockDataDir(dataDir, Boolean(options.share));
    if (lock.kind === 'mine') {
      return openOwnPglite(dataDir, {
        seed: (options.migrations ?? 'auto') === 'auto',
        share: Boolean(options.share),
        lean,
        release: lock.release,
        markShared: lock.markShared,
      });
    }
    if (lock.shared && existsSync(path.join(socketDirOf(dataDir), SOCKET_FILE))) {
      return openShared(dataDir);
    }
    if (Date.now() > deadline) {
      throw new UserError(
        `another Callsheet process (pid ${lock.holder}) is using the embedded database in ${dataDir}. Wait for it to finish, run the command while \`callsheet serve\` runs (it shares the database), or use PostgreSQL (DATABASE_URL).`,
      );
    }
    await sleep(100); // a command that will finish, or `serve` still starting
  }
}

/** Connects to the socket of the process that holds the embedded database. */
async function openShared(dataDir: string): Promise<Connection> {
  const url = `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(socketDirOf(dataDir))}`;
  const store = await openPostgres(url, 4);
  return { ...store, backend: 'pglite', location: `embedded (${dataDir}, shared by a running serve)` };
}

/** `seed`: a new folder may start as a copy of the migrated template (same result, faster). */
async function openOwnPglite(
  dataDir: string,
  how: { seed: boolean; share: boolean; lean: boolean; release: () => void; markShared?: () => void },
): Promise<Connection> {
  const inMemory = dataDir.startsWith('memory://');
  let db: PGlite;
  try {
    if (!inMemory) {
      mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
      if (how.seed) seedFromTemplate(dataDir);
    }
    const { PGlite } = await import('@electric-sql/pglite');
    const startParams = how.lean ? [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'] : undefined;
    db = await PGlite.create({ ...(inMemory ? {} : { dataDir }), ...(startParams ? { startParams } : {}) });
  } catch (err) {
    how.release();
    throw new UserError(
      `cannot open the embedded database in ${dataDir}: ${err instanceof Error ? err.message : String(err)}. Move the folder aside or set CALLSHEET_DATA_DIR to another one.`,
    );
  }
  const location = inMemory ? 'embedded (in memory)' : `embedded (${dataDir})`;
  if (how.share) {
    // The holder goes through the socket too, so its own transactions queue with everyone's.
    const socketDir = socketDirOf(dataDir);
    mkdirSync(socketDir, { recursive: true });
    const { shareOverSocket } = await import('./pglite-socket.ts');
    const share = await shareOverSocket(db, path.join(socketDir, SOCKET_FILE));
    how.markShared?.();
    const store = await openShared(dataDir);
    return {
      ...store,
      location: `${location}, shared with other commands`,
      close: async () => {
        try {
          await store.close();
          await share.close();
          await db.close();
        } finally {
          rmSync(socketDir, { recursive: true, force: true });
          how.release();
        }
      },
    };
  }
  return {
    sql: pgliteSql(db),
    backend: 'pglite',
    // One in-process connection that queues its queries itself: always open, never waited for.
    connections: () => ({ total: 1, idle: 1, waiting: 0 }),
    location,
    prismaAdapter: async () => new (await import('pglite-prisma-adapter')).PrismaPGlite(db),
    close: async () => {
      try {
        await db.close();
      } finally {
        how.release();
      }
    },
  };
}

type Lock =
  | { kind: 'mine'; release: () => void; markShared: () => void }
  | { kind: 'held'; holder: number; shared: boolean };

/**
 * PGlite is a single-process database: a second process opening the same folder would corrupt
 * it. A lock file next to the folder names the holder (`<pid>` or `<pid> shared`); a lock or a
 * socket left by a process that died is removed.
 */
function lockDataDir(dataDir: string, share: boolean): Lock {
  const lockPath = `${path.resolve(dataDir)}.lock`;
  mkdirSync(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return {
        kind: 'mine',
        release: () => rmSync(lockPath, { force: true }),
        markShared: () => {
          if (share) writeFileSync(lockPath, `${process.pid} shared`);
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const [pid, mode] = readFileSync(lockPath, 'utf8').trim().split(/\s+/);
      const holder = Number(pid);
      if (holder && holder !== process.pid && isAlive(holder)) {
        return { kind: 'held', holder, shared: mode === 'shared' };
      }
      // Left by a process that died (a killed serve leaves its socket too).
      rmSync(socketDirOf(dataDir), { recursive: true, force: true });
      rmSync(lockPath, { force: true });
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
