// A migrated, empty embedded database made once (at install) and copied into a new data folder,
// so the first run skips PGlite's initdb and the migrations — seconds on a small machine.
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmdirSync,
  rmSync,
} from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { packagePath } from '../shared/package-root.ts';
import { migrate, readMigrations } from './migrate.ts';
import { pgliteSql } from './sql.ts';

const CACHE_DIR = packagePath('node_modules', '.cache', 'callsheet');

/** Changes whenever a migration changes, so a stale template is never used. */
export function migrationsFingerprint(): string {
  const hash = createHash('sha256');
  for (const m of readMigrations()) hash.update(`${m.name}:${m.checksum}`);
  return hash.digest('hex').slice(0, 12);
}

export const pgliteTemplateDir = (cacheDir = CACHE_DIR) =>
  path.join(cacheDir, `pglite-${migrationsFingerprint()}`);

const isDatabaseDir = (dir: string) => existsSync(path.join(dir, 'PG_VERSION'));

/** Builds the template unless it exists; safe when several processes race (rename is atomic). */
export async function ensurePgliteTemplate(cacheDir = CACHE_DIR): Promise<string> {
  const dir = pgliteTemplateDir(cacheDir);
  if (isDatabaseDir(dir)) return dir;
  mkdirSync(cacheDir, { recursive: true });
  const building = mkdtempSync(`${dir}-building-`);
  try {
    const db = await PGlite.create({ dataDir: building });
    await pgliteSql(db).session((conn) => migrate(conn));
    await db.close();
    renameSync(building, dir);
  } catch (err) {
    rmSync(building, { recursive: true, force: true });
    if (!isDatabaseDir(dir)) throw err; // otherwise another process made it first
  }
  return dir;
}

/** Seeds a new data folder from the template when there is one; returns whether it did. */
export function seedFromTemplate(dataDir: string): boolean {
  const template = pgliteTemplateDir();
  if (!isDatabaseDir(template)) return false;
  if (existsSync(dataDir)) {
    // Only a missing or empty folder is seeded; anything else is left for PGlite to judge.
    if (readdirSync(dataDir).length) return false;
    rmdirSync(dataDir);
  }
  cpSync(template, dataDir, { recursive: true });
  return true;
}
