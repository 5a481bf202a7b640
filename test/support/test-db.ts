// Where integration tests get their databases: a migrated template made once per run (a PGlite
// folder, or a Postgres template database when TEST_DATABASE_URL is set), copied per test file.
import { randomBytes } from 'node:crypto';

export type TestDbTarget =
  | { kind: 'pglite'; templateDir: string }
  | { kind: 'postgres'; adminUrl: string; template: string };

declare module 'vitest' {
  export interface ProvidedContext {
    testDb: TestDbTarget;
  }
}

export function databaseUrl(adminUrl: string, database: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

export const uniqueName = (prefix: string) => `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
