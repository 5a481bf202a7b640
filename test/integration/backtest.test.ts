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
    const result = await runBacktest(deps(), { from: '2027-01-04', to: '2027-03-31', capacity: 20 });
    if (!result.ok) throw new Error(result.error.message);
    report = result.value;
  });

  it('scores the three baselines over every business day', () => {
    expect(report.days).toHaveLength(63);
    expect(report.policies.map((p) => p.id)).toEqual(['largest-overdue', 'oldest-invoice', 'random']);
    for (const p of report.policies) {
      expect(p.daily).toHaveLength(63);
      expect(p.summary.calls).toBeGreaterThan(0);
      expect(p.summary.callsPerDay).toBeLessThanOrEqual(20);
      expect(p.summary.coveragePct).toBeGreaterThan(0);
      expect(p.summary.coveragePct).toBeLessThanOrEqual(100);
      expect(p.summary.troubled).toBeGreaterThan(0);
    }
    console.log(JSON.stringify(report.policies.map((p) => ({ id: p.id, ...p.summary }))));
  });
});
