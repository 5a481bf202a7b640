import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BacktestReport, runBacktest } from '../../src/app/backtest.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { openTestStore, type TestStore } from '../support/test-store.ts';

const TODAY = '2027-05-28';
let store: TestStore;
const deps = () => ({ store, now: () => new Date(`${TODAY}T12:00:00Z`) });

beforeAll(async () => {
  store = await openTestStore();
  await loadDemo(store, { size: 'small', seed: 42, today: TODAY });
});
afterAll(async () => {
  await store?.close();
});

describe('backtest on the demo company', () => {
  let report: BacktestReport;
  beforeAll(async () => {
    const result = await runBacktest(deps(), { from: '2027-03-01', to: '2027-03-31', capacity: 20 });
    if (!result.ok) throw new Error(result.error.message);
    report = result.value;
  });

  it("scores Callsheet's sheets and the three baselines over every business day", () => {
    expect(report.days).toHaveLength(23);
    expect(report.policies.map((p) => p.id)).toEqual([
      'callsheet',
      'largest-overdue',
      'oldest-invoice',
      'random',
    ]);
    for (const p of report.policies) {
      expect(p.daily).toHaveLength(23);
      expect(p.summary.coveragePct).toBeGreaterThan(0);
      expect(p.summary.coveragePct).toBeLessThanOrEqual(100);
      expect(p.summary.troubled).toBeGreaterThan(0);
      expect(p.summary.warned).toBeLessThanOrEqual(p.summary.troubled);
    }
  });

  it('gives every policy the calls Callsheet made that day, never more than the capacity', () => {
    const [callsheet, ...baselines] = report.policies;
    expect(callsheet!.summary.calls).toBeGreaterThan(0);
    for (const [k, day] of callsheet!.daily.entries()) {
      expect(day.calls).toBeLessThanOrEqual(20);
      for (const b of baselines) expect(b.daily[k]!.calls).toBe(day.calls);
    }
  });

  it('pins the baselines on the demo (seed 42), and Callsheet beats random on late dollars', () => {
    const figures = Object.fromEntries(
      report.policies.map((p) => [
        p.id,
        [Number(p.summary.coveragePct!.toFixed(1)), Number(p.summary.avgLeadDays!.toFixed(1))],
      ]),
    );
    expect(figures).toMatchObject({
      'largest-overdue': [83.7, 11.3],
      'oldest-invoice': [63.2, 20],
      random: [36.8, 19.3],
    });
    // Callsheet's own figures move with the engine's policy; it must at least beat chance.
    expect(figures.callsheet![0]).toBeGreaterThan(figures.random![0]!);
    // Only Callsheet calls before the due date (courtesy calls), so only its on-time calls can be > 0.
    for (const b of report.policies.slice(1)) expect(b.summary.wastedCalls).toBe(0);
  });

  it('refuses a period past the end of the history, as a value', async () => {
    expect(await runBacktest(deps(), { from: '2027-05-01', to: '2027-06-30' }, null)).toMatchObject({
      ok: false,
      error: { code: 'beyond_history' },
    });
  });
});
