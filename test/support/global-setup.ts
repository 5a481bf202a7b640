// Makes the migrated template every test file copies its database from.
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../src/store/migrate.ts';
import { pgConn, pgliteSql } from '../../src/store/sql.ts';
import { databaseUrl, migrationsFingerprint, pgliteTemplateDir } from './test-db.ts';

export default async function setup(project: TestProject): Promise<void> {
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
  const templateDir = pgliteTemplateDir();
  if (!existsSync(path.join(templateDir, 'PG_VERSION'))) {
    const building = mkdtempSync(`${templateDir}-building-`);
    const db = await PGlite.create({ dataDir: building });
    await pgliteSql(db).session((conn) => migrate(conn));
    await db.close();
    try {
      renameSync(building, templateDir);
    } catch {
      rmSync(building, { recursive: true, force: true }); // another run made it first
    }
  }
  project.provide('testDb', { kind: 'pglite', templateDir });
}
