import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  MIGRATIONS_DIR,
  MigrationError,
  migrate,
  migrationStatus,
  readMigrations,
} from '../../src/store/migrate.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { createTestDatabase, testBackend } from '../support/test-store.ts';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function emptyStore(): Promise<Store> {
  const db = await createTestDatabase({ empty: true });
  const store = await openStore({ databaseUrl: db.url, dataDir: db.dataDir, migrations: 'none' });
  cleanup.push(db.drop, store.close);
  return store;
}

describe('migrations', () => {
  it('creates the schema with Prisma-compatible history, and a second run is a no-op', async () => {
    const store = await emptyStore();
    const first = await store.sql.session((conn) => migrate(conn));
    expect(first).toEqual(readMigrations().map((m) => m.name));
    const rows = await store.sql.query<{
      migration_name: string;
      checksum: string;
      applied_steps_count: number;
      logs: string | null;
      done: boolean;
    }>(
      'SELECT migration_name, checksum, applied_steps_count, logs, finished_at IS NOT NULL AS done FROM _prisma_migrations',
    );
    expect(rows).toEqual(
      readMigrations().map((m) => ({
        migration_name: m.name,
        checksum: m.checksum,
        applied_steps_count: 1,
        logs: null,
        done: true,
      })),
    );
    expect(await store.sql.session((conn) => migrate(conn))).toEqual([]);
    const status = await store.sql.session((conn) => migrationStatus(conn));
    expect(status.pending).toEqual([]);
    expect(status.applied.map((a) => a.name)).toEqual(first);
  });

  it('refuses clearly when an applied migration was edited', async () => {
    const store = await emptyStore();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'callsheet-migrations-'));
    cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    await store.sql.session((conn) => migrate(conn, { dir }));
    const first = readMigrations(dir)[0]!;
    const file = path.join(dir, first.name, 'migration.sql');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n-- an edit\n`);
    const error = await store.sql.session((conn) => migrate(conn, { dir })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toMatch(
      new RegExp(`${first.name} was changed after it was applied.*git checkout`),
    );
    expect((await store.sql.session((conn) => migrationStatus(conn, dir))).edited).toEqual([first.name]);
  });

  it('refuses a database that has tables but no migration history', async () => {
    const store = await emptyStore();
    await store.sql.exec('CREATE TABLE stranger (id int)');
    await expect(store.sql.session((conn) => migrate(conn))).rejects.toThrow(/not a Callsheet database/);
  });

  it('applies each migration once when two processes migrate at the same time', async () => {
    if (testBackend() !== 'postgres') return; // PGlite is one process by design (its folder is locked)
    const db = await createTestDatabase({ empty: true });
    cleanup.push(db.drop);
    const a = await openStore({ databaseUrl: db.url, migrations: 'none' });
    const b = await openStore({ databaseUrl: db.url, migrations: 'none' });
    cleanup.push(a.close, b.close);
    const [ra, rb] = await Promise.all([a.sql.session((c) => migrate(c)), b.sql.session((c) => migrate(c))]);
    expect([...ra, ...rb].sort()).toEqual(readMigrations().map((m) => m.name));
    const [row] = await a.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM _prisma_migrations');
    expect(row?.n).toBe(readMigrations().length);
  });

  it('will not open a Postgres database with pending migrations unless asked to migrate', async () => {
    if (testBackend() !== 'postgres') return;
    const db = await createTestDatabase({ empty: true });
    cleanup.push(db.drop);
    await expect(openStore({ databaseUrl: db.url, migrations: 'check' })).rejects.toThrow(
      /Run `callsheet db migrate` first/,
    );
  });
});
