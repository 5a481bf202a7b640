// Where integration tests get their databases: a migrated template made once per run (a PGlite
// folder, or a Postgres template database when TEST_DATABASE_URL is set), copied per test file.
import { createHash, randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { readMigrations } from '../../src/store/migrate.ts';

export type TestDbTarget =
  | { kind: 'pglite'; templateDir: string }
  | { kind: 'postgres'; adminUrl: string; template: string };

declare module 'vitest' {
  export interface ProvidedContext {
    testDb: TestDbTarget;
  }
}

/** Changes whenever a migration changes, so a stale template is never reused. */
export function migrationsFingerprint(): string {
  const hash = createHash('sha256');
  for (const m of readMigrations()) hash.update(`${m.name}:${m.checksum}`);
  return hash.digest('hex').slice(0, 12);
}

export const pgliteTemplateDir = () =>
  path.join(os.tmpdir(), `callsheet-test-template-${migrationsFingerprint()}`);

export function databaseUrl(adminUrl: string, database: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

export const uniqueName = (prefix: string) => `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
