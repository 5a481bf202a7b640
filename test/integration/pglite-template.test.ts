import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.ts';
import {
  ensurePgliteTemplate,
  pgliteTemplateDir,
  seedFromTemplate,
} from '../../src/store/pglite-template.ts';

describe('the embedded database template', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'callsheet-template-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('is built once, under a name that changes with the migrations', async () => {
    const cache = path.join(scratch, 'cache');
    const dir = await ensurePgliteTemplate(cache);
    expect(dir).toBe(pgliteTemplateDir(cache));
    expect(existsSync(path.join(dir, 'PG_VERSION'))).toBe(true);
    expect(await ensurePgliteTemplate(cache)).toBe(dir);
  });

  it('never seeds over a folder that holds anything', () => {
    const dataDir = path.join(scratch, 'busy');
    mkdirSync(dataDir);
    writeFileSync(path.join(dataDir, 'keep.txt'), 'mine');
    expect(seedFromTemplate(dataDir)).toBe(false);
    expect(readFileSync(path.join(dataDir, 'keep.txt'), 'utf8')).toBe('mine');
  });

  it('opens a new folder fully migrated, whether or not it was seeded', async () => {
    const store = await openStore({ dataDir: path.join(scratch, 'fresh', 'db') });
    try {
      const rows = await store.sql.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL',
      );
      expect(rows[0]?.n).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });
});
