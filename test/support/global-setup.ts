// Makes the migrated template every test file copies its database from, and compiles dist/ when
// a source is newer (the CLI tests run the built program, as a user does).
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../src/store/migrate.ts';
import { ensurePgliteTemplate, migrationsFingerprint } from '../../src/store/pglite-template.ts';
import { pgConn } from '../../src/store/sql.ts';
import { databaseUrl } from './test-db.ts';

export default async function setup(project: TestProject): Promise<void> {
  execFileSync(
    process.execPath,
    [fileURLToPath(new URL('../../scripts/build.mjs', import.meta.url)), '--if-stale'],
    {
      stdio: 'inherit',
    },
  );
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const template = `callsheet_template_${migrationsFingerprint()}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (!rows.length) {
        const building = `${template}_building_${process.pid}`;
        await admin.query(`CREATE DATABASE "${building}"`);
        const client = new pg.Client({ connectionString: databaseUrl(adminUrl, building) });
        await client.connect();
        try {
          await migrate(pgConn(client));
        } finally {
          await client.end();
        }
        await admin.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`).catch(async () => {
          await admin.query(`DROP DATABASE IF EXISTS "${building}"`); // another run made it first
        });
      }
    } finally {
      await admin.end();
    }
    project.provide('testDb', { kind: 'postgres', adminUrl, template });
    return;
  }
  const templateDir = await ensurePgliteTemplate(path.join(os.tmpdir(), 'callsheet-test'));
  project.provide('testDb', { kind: 'pglite', templateDir });
}
