// Applies prisma/migrations the way `prisma migrate deploy` does, without Prisma's native engine
// (which cannot be downloaded here). The bookkeeping matches Prisma's `_prisma_migrations` table
// row for row, so Prisma's own tooling sees the same history.

import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../shared/errors.ts';
import { packagePath } from '../shared/package-root.ts';
import type { SqlConn } from './sql.ts';

export const MIGRATIONS_DIR = packagePath('prisma', 'migrations');

/** Prisma Migrate's advisory lock key: holding it also keeps Prisma's own CLI out while we run. */
const LOCK_KEY = 72707369;

const LEDGER_DDL = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);`;

export class MigrationError extends AppError {
  constructor(message: string) {
    super('migration', message);
    this.name = 'MigrationError';
  }
}

export interface MigrationFile {
  name: string;
  /** sha256 of the file as it is: what gets recorded */
  checksum: string;
  /** checksums an applied copy may carry: as-is, and with LF line endings (Prisma accepts both) */
  accepted: string[];
  sql: string;
}

export interface MigrationStatus {
  applied: { name: string; finishedAt: string }[];
  pending: string[];
  /** Applied migrations whose file changed since (checksum mismatch). */
  edited: string[];
  /** Rows left by a migration that started and did not finish. */
  failed: { name: string; logs: string | null }[];
  /** Applied migrations that this version of Callsheet does not know (a newer version ran). */
  unknown: string[];
}

interface LedgerRow {
  [k: string]: unknown;
  migration_name: string;
  checksum: string;
  finished_at: string | null;
  rolled_back_at: string | null;
  logs: string | null;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      const checksum = sha256(sql);
      return { name, sql, checksum, accepted: [checksum, sha256(sql.replace(/\r\n/g, '\n'))] };
    });
}

async function ledger(conn: SqlConn): Promise<LedgerRow[] | null> {
  const [exists] = await conn.query<{ present: boolean }>(
    "SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present",
  );
  if (!exists?.present) return null;
  return conn.query<LedgerRow>(
    `SELECT migration_name, checksum, finished_at::text, rolled_back_at::text, logs
       FROM _prisma_migrations ORDER BY started_at, migration_name`,
  );
}

function compare(files: MigrationFile[], rows: LedgerRow[]): MigrationStatus {
  const live = rows.filter((r) => !r.rolled_back_at);
  const byName = new Map(live.filter((r) => r.finished_at).map((r) => [r.migration_name, r]));
  const known = new Set(files.map((f) => f.name));
  const edited = files
    .filter((f) => {
      const row = byName.get(f.name);
      return row !== undefined && !f.accepted.includes(row.checksum);
    })
    .map((f) => f.name);
  return {
    applied: [...byName.values()].map((r) => ({ name: r.migration_name, finishedAt: r.finished_at ?? '' })),
    pending: files.filter((f) => !byName.has(f.name)).map((f) => f.name),
    edited,
    failed: live.filter((r) => !r.finished_at).map((r) => ({ name: r.migration_name, logs: r.logs })),
    unknown: [...byName.keys()].filter((n) => !known.has(n)),
  };
}

export async function migrationStatus(conn: SqlConn, dir = MIGRATIONS_DIR): Promise<MigrationStatus> {
  return compare(readMigrations(dir), (await ledger(conn)) ?? []);
}

function refuseIfUnsafe(status: MigrationStatus): void {
  if (status.failed.length) {
    const f = status.failed[0]!;
    throw new MigrationError(
      `migration ${f.name} failed earlier and was left half-applied (${f.logs ?? 'no log'}). ` +
        'Repair the database by hand, then mark the row in _prisma_migrations as rolled back (set rolled_back_at) and run `callsheet db migrate` again.',
    );
  }
  if (status.edited.length) {
    throw new MigrationError(
      `migration ${status.edited.join(', ')} was changed after it was applied to this database. ` +
        'Restore the original migration.sql (git checkout prisma/migrations) and put schema changes in a new migration (npm run db:new -- <name>).',
    );
  }
}

/**
 * Applies pending migrations under Prisma's advisory lock, so two processes running it at once
 * apply each migration once. `conn` must be a single session (the lock belongs to it).
 */
export async function migrate(
  conn: SqlConn,
  options: { dir?: string; log?: (line: string) => void } = {},
): Promise<string[]> {
  const dir = options.dir ?? MIGRATIONS_DIR;
  const log = options.log ?? (() => {});
  const files = readMigrations(dir);
  await conn.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
  try {
    const rows = await ledger(conn);
    if (rows === null) {
      const [{ tables } = { tables: 0 }] = await conn.query<{ tables: number }>(
        "SELECT count(*)::int AS tables FROM information_schema.tables WHERE table_schema = 'public'",
      );
      if (tables > 0) {
        throw new MigrationError(
          'this database already has tables but no migration history (_prisma_migrations), so it is not a Callsheet database. Point DATABASE_URL at an empty database.',
        );
      }
      await conn.exec(LEDGER_DDL);
    }
    const status = compare(files, rows ?? []);
    refuseIfUnsafe(status);
    const done: string[] = [];
    for (const file of files.filter((f) => status.pending.includes(f.name))) {
      const id = randomUUID();
      await conn.query(
        'INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())',
        [id, file.checksum, file.name],
      );
      try {
        await conn.exec(file.sql);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        await conn.query('UPDATE _prisma_migrations SET logs = $2 WHERE id = $1', [id, message]);
        throw new MigrationError(`migration ${file.name} failed: ${message}`);
      }
      await conn.query(
        'UPDATE _prisma_migrations SET applied_steps_count = applied_steps_count + 1, finished_at = now() WHERE id = $1',
        [id],
      );
      log(`applied ${file.name}`);
      done.push(file.name);
    }
    return done;
  } finally {
    await conn.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
  }
}
