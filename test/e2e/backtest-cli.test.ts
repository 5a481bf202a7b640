import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useDemoDatabase } from '../support/demo-database.ts';
import { runCallsheet, storeEnv } from '../support/run-cli.ts';

const demo = useDemoDatabase();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'callsheet-backtest-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('callsheet backtest', () => {
  it('prints a table, and writes an HTML report that loads nothing from the network', async () => {
    const out = path.join(tmp, 'report.html');
    const run = await runCallsheet(
      ['backtest', '--from', '2027-03-01', '--to', '2027-03-12', '--capacity', '15', '--out', out],
      storeEnv(demo()),
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Backtest 2027-03-01 to 2027-03-12: 10 business days, up to 15 calls a day/);
    for (const label of [
      'Callsheet',
      'Largest overdue balance first',
      'Oldest invoice first',
      'Random (seed 42)',
    ])
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

  it('adds a row for each policy setting tried, without storing it', async () => {
    const run = await runCallsheet(
      [
        'backtest',
        '--from',
        '2027-03-08',
        '--to',
        '2027-03-12',
        '--capacity',
        '10',
        '--try',
        'policy.oldestShare=0.2',
      ],
      storeEnv(demo()),
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Callsheet with policy\.oldestShare = 0\.2 +10\.0 /m);
    const settings = await runCallsheet(['settings'], storeEnv(demo()));
    expect(settings.stdout).toMatch(/^policy\.oldestShare +0\.05$/m);
  });

  it('prints JSON with every policy’s daily series', async () => {
    const run = await runCallsheet(
      ['backtest', '--from', '2027-03-08', '--to', '2027-03-12', '--capacity', '10', '--json'],
      storeEnv(demo()),
    );
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.days).toHaveLength(5);
    expect(report.policies.map((p: { id: string }) => p.id)).toEqual([
      'callsheet',
      'largest-overdue',
      'oldest-invoice',
      'random',
      'hindsight',
    ]);
    expect(report.policies[0].daily).toHaveLength(5);
    expect(report.policies[0].summary.callsPerDay).toBeLessThanOrEqual(10);
  });

  it.each([
    [
      ['--from', '2027-05-01', '--to', '2027-07-01'],
      1,
      /^callsheet: the history ends on 2027-05-28; pick a period that ends by then \(--to 2027-05-28\)\n$/,
    ],
    [['--from', '2027-03-10', '--to', '2027-03-01'], 2, /the period must run from an earlier to a later day/],
    [
      ['--from', '2027-03-01', '--to', '2027-03-05', '--capacity', 'lots'],
      2,
      /^callsheet: --capacity must be a whole number of calls ≥ 1 \(got lots\)\n$/,
    ],
    [['--from', '2027-03-01', '--to', '2027-03-05', '--every', '0'], 2, /--every must be a whole number/],
    [['--from', '2027-03-01'], 2, /--to/],
    [
      ['--from', '2027-03-01', '--to', '2027-03-05', '--try', 'policy.oldestShare=lots'],
      2,
      /^callsheet: cannot try policy\.oldestShare=lots: policy\.oldestShare: Invalid input: expected number/,
    ],
    [
      ['--from', '2027-03-01', '--to', '2027-03-05', '--try', 'policy.oldestShar=0.1'],
      2,
      /^callsheet: no setting "policy\.oldestShar"; did you mean policy\.oldestShare\?\n$/,
    ],
  ])('refuses %j in one line', async (args, code, message) => {
    const run = await runCallsheet(['backtest', ...args], storeEnv(demo()));
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
