import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { openStore } from '../../src/store/open-store.ts';
import { runCallsheet, storeEnv } from '../support/run-cli.ts';
import { createTestDatabase } from '../support/test-store.ts';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'callsheet-backtest-'));
beforeAll(async () => {
  db = await createTestDatabase();
  const store = await openStore({ databaseUrl: db.url, dataDir: db.dataDir, migrations: 'check' });
  try {
    await loadDemo(store, { size: 'small', seed: 42, today: '2027-05-28' });
  } finally {
    await store.close();
  }
});
afterAll(async () => {
  await db?.drop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('callsheet backtest', () => {
  it('prints a table, and writes an HTML report that loads nothing from the network', async () => {
    const out = path.join(tmp, 'report.html');
    const run = await runCallsheet(
      ['backtest', '--from', '2027-03-01', '--to', '2027-03-31', '--capacity', '15', '--out', out],
      storeEnv(db),
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Backtest 2027-03-01 to 2027-03-31: 23 business days, up to 15 calls a day/);
    for (const label of ['Largest overdue balance first', 'Oldest invoice first', 'Random (seed 42)'])
      expect(run.stdout).toContain(label);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('var uPlot='); // the chart library is inlined
    expect(html).toContain('id="coverage"');
    // Offline: no script, style sheet, image, font or fetch from anywhere else.
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/@import|\bfetch\(|XMLHttpRequest/);
  });

  it('prints JSON with every policy’s daily series', async () => {
    const run = await runCallsheet(
      ['backtest', '--from', '2027-03-01', '--to', '2027-03-12', '--capacity', '10', '--json'],
      storeEnv(db),
    );
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.days).toHaveLength(10);
    expect(report.policies[0].daily).toHaveLength(10);
    expect(report.policies[0].summary.callsPerDay).toBeLessThanOrEqual(10);
  });

  it('says what was wrong in one line', async () => {
    const later = await runCallsheet(
      ['backtest', '--from', '2027-05-01', '--to', '2027-07-01'],
      storeEnv(db),
    );
    expect(later).toMatchObject({
      code: 1,
      stderr:
        'callsheet: the history ends on 2027-05-28; pick a period that ends by then (--to 2027-05-28)\n',
    });
    const reversed = await runCallsheet(
      ['backtest', '--from', '2027-03-10', '--to', '2027-03-01'],
      storeEnv(db),
    );
    expect(reversed.code).toBe(2);
    expect(reversed.stderr).toMatch(/the period must run from an earlier to a later day/);
    const capacity = await runCallsheet(
      ['backtest', '--from', '2027-03-01', '--to', '2027-03-05', '--capacity', 'lots'],
      storeEnv(db),
    );
    expect(capacity).toMatchObject({
      code: 2,
      stderr: 'callsheet: --capacity must be a whole number of calls ≥ 1 (got lots)\n',
    });
    expect((await runCallsheet(['backtest', '--from', '2027-03-01'], storeEnv(db))).code).toBe(2);
  });
});
