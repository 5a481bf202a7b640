// An isolated, migrated store for one test file: its own PGlite folder or its own Postgres database.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import type { DemoSize } from '../../src/demo/company.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { databaseUrl, uniqueName } from './test-db.ts';

export interface TestStore extends Store {
  /** Connection string of this store's database (Postgres only). */
  url?: string;
  /** PGlite folder of this store (PGlite only). */
  dataDir?: string;
}

export const testBackend = () => inject('testDb').kind;

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** A new database: a copy of the migrated template, or empty (`{ empty: true }`). */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<{
  url?: string;
  dataDir?: string;
  drop(): Promise<void>;
}> {
  const target = inject('testDb');
  if (target.kind === 'postgres') {
    const name = uniqueName('callsheet_test');
    const template = options.empty ? 'template0' : target.template;
    await adminQuery(target.adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    return {
      url: databaseUrl(target.adminUrl, name),
      drop: () => adminQuery(target.adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    };
  }
  const parent = mkdtempSync(path.join(os.tmpdir(), 'callsheet-test-'));
  const dataDir = path.join(parent, 'db');
  if (!options.empty) cpSync(target.templateDir, dataDir, { recursive: true });
  return { dataDir, drop: async () => rmSync(parent, { recursive: true, force: true }) };
}

export async function openTestStore(): Promise<TestStore> {
  const db = await createTestDatabase();
  const store = await openStore({
    databaseUrl: db.url,
    dataDir: db.dataDir,
    migrations: 'check',
    prisma: true,
  });
  return {
    ...store,
    ...(db.url ? { url: db.url } : {}),
    ...(db.dataDir ? { dataDir: db.dataDir } : {}),
    close: async () => {
      await store.close();
      await db.drop();
    },
  };
}

/**
 * The test file's store with the small demo company (seed 42) as of `today`, opened before its
 * tests and closed after them; call the returned function inside a test for the store.
 */
export const smallDemoStore = (today: string): (() => TestStore) => demoStore(today, 'small');

/** The same with a demo company of any size (the medium one takes a minute or two to load). */
export function demoStore(today: string, size: DemoSize): () => TestStore {
  let store: TestStore | undefined;
  beforeAll(async () => {
    store = await openTestStore();
    await loadDemo(store, { size, seed: 42, today });
  }, 600_000);
  afterAll(async () => {
    await store?.close();
  });
  return () => {
    if (!store) throw new Error('the demo store opens in beforeAll: use it inside a test');
    return store;
  };
}
