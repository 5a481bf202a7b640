import { afterAll, beforeAll } from 'vitest';
// A test database holding the small demo company, for tests that run the CLI against it.
import { loadDemo } from '../../src/demo/load-demo.ts';
import { openStore } from '../../src/store/open-store.ts';
import { createTestDatabase } from './test-store.ts';

export async function createDemoDatabase(today = '2027-05-28'): ReturnType<typeof createTestDatabase> {
  const db = await createTestDatabase();
  const store = await openStore({ databaseUrl: db.url, dataDir: db.dataDir, migrations: 'check' });
  try {
    await loadDemo(store, { size: 'small', seed: 42, today });
  } finally {
    await store.close();
  }
  return db;
}

/** Registers a demo database for the test file (created before all its tests, dropped after). */
export function useDemoDatabase(): () => Awaited<ReturnType<typeof createTestDatabase>> {
  let db: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  beforeAll(async () => {
    db = await createDemoDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });
  return () => {
    if (!db) throw new Error('the demo database is created in beforeAll');
    return db;
  };
}
