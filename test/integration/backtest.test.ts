import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BacktestReport, fewLateWarning, runBacktest } from '../../src/app/backtest.ts';
import { policyTrials } from '../../src/app/backtest-trials.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { backtestTableText } from '../../src/views/console/backtest-table.ts';
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

  it("scores Callsheet's sheets, the three baselines and the hindsight ceiling over every business day", () => {
    expect(report.days).toHaveLength(23);
    expect(report.policies.map((p) => p.id)).toEqual([
      'callsheet',
      'largest-overdue',
      'oldest-invoice',
      'random',
      'hindsight',
    ]);
    for (const p of report.policies) {
      expect(p.daily).toHaveLength(23);
      expect(p.summary.coveragePct).toBeGreaterThan(0);
      expect(p.summary.coveragePct).toBeLessThanOrEqual(100);
      expect(p.summary.troubled).toBeGreaterThan(0);
      expect(p.summary.warned).toBeLessThanOrEqual(p.summary.troubled);
      // Weighted by balances, the lead is still a lead: never negative, never past the period's length.
      expect(p.summary.dollarLeadDays).toBeGreaterThanOrEqual(0);
      expect(p.summary.dollarLeadDays).toBeLessThanOrEqual(60 + 30);
    }
  });

  it('gives every policy the calls Callsheet made that day, never more than the capacity', () => {
    const [callsheet, ...others] = report.policies;
    const baselines = others.filter((p) => p.id !== 'hindsight');
    const hindsight = others.find((p) => p.id === 'hindsight')!;
    expect(callsheet!.summary.calls).toBeGreaterThan(0);
    for (const [k, day] of callsheet!.daily.entries()) {
      expect(day.calls).toBeLessThanOrEqual(20);
      for (const b of baselines) expect(b.daily[k]!.calls).toBe(day.calls);
      // The ceiling calls only customers whose money went late: as many, or fewer when fewer did.
      expect(hindsight.daily[k]!.calls).toBeLessThanOrEqual(day.calls);
    }
  });

  it('no policy covers more still-early late money on any day than the hindsight ceiling', () => {
    const hindsight = report.policies.find((p) => p.id === 'hindsight')!;
    for (const p of report.policies)
      for (const [k, day] of p.daily.entries())
        expect(day.earlyCoveredCents).toBeLessThanOrEqual(hindsight.daily[k]!.earlyCoveredCents);
    expect(hindsight.summary.noRiskCalls).toBe(0);
    expect(backtestTableText(report)).toMatch(
      /Callsheet takes \d+% of the room between largest overdue first and it/,
    );
  });

  it('pins the baselines on the demo (seed 42), and Callsheet beats largest-overdue-first on still-early late dollars', () => {
    const figures = Object.fromEntries(
      report.policies.map((p) => [
        p.id,
        [
          Number(p.summary.coveragePct!.toFixed(1)),
          Number(p.summary.avgLeadDays!.toFixed(1)),
          Number(p.summary.dollarLeadDays!.toFixed(1)),
        ],
      ]),
    );
    expect(figures).toMatchObject({
      'largest-overdue': [83.7, 11.3, 18.3],
      'oldest-invoice': [63.2, 20, 18.9],
      random: [13.9, 13.8, 7.8],
    });
    // Callsheet's own figures move with the model; it must beat the habit on what a call can still save.
    const early = (id: string) => report.policies.find((p) => p.id === id)!.summary.earlyCoveragePct!;
    expect(early('callsheet')).toBeGreaterThan(early('largest-overdue'));
    expect(figures.callsheet![0]).toBeGreaterThan(figures.random![0]!);
  });

  it('checks the model’s probabilities against what happened, tenth by tenth', () => {
    const c = report.calibration!;
    expect(c.bins).toHaveLength(10);
    expect(c.bins.reduce((n, b) => n + b.count, 0)).toBe(c.predictions);
    for (const [k, b] of c.bins.entries()) {
      expect(b.meanP).toBeGreaterThanOrEqual(b.fromP);
      expect(b.meanP).toBeLessThanOrEqual(b.toP);
      if (k) expect(b.fromP).toBeGreaterThanOrEqual(c.bins[k - 1]!.toP);
    }
    // Probabilities carry information: the top tenth goes late far more often than the bottom one,
    // and the model beats always predicting the overall rate.
    expect(c.bins[9]!.observed).toBeGreaterThan(c.bins[0]!.observed + 0.3);
    expect(c.brier).toBeLessThan(c.brierOfBaseRate);
    expect(report.lateCustomers).toBeGreaterThan(0);
  });

  it('warns when too few customers went late for the comparison to mean much', () => {
    expect(report.lateCustomers).toBeGreaterThanOrEqual(20);
    expect(report.warning).toBeNull();
    expect(fewLateWarning(12, 30)).toMatch(/^only 12 customers had money go more than 30 days late/);
    expect(fewLateWarning(20, 30)).toBeNull();
  });

  it('replays every n-th business day when asked', async () => {
    const result = await runBacktest(deps(), { from: '2027-03-01', to: '2027-03-31', every: 5 }, null);
    expect(result.ok && result.value.days).toEqual([
      '2027-03-01',
      '2027-03-08',
      '2027-03-15',
      '2027-03-22',
      '2027-03-29',
    ]);
  });

  it('refuses a period past the end of the history, as a value', async () => {
    expect(await runBacktest(deps(), { from: '2027-05-01', to: '2027-06-30' }, null)).toMatchObject({
      ok: false,
      error: { code: 'beyond_history' },
    });
  });
});

describe('backtest counting e-mailed customers as contacted', () => {
  it('adds a Callsheet row whose contacts include the automated tier, leaving the baselines at the calls', async () => {
    const result = await runBacktest(deps(), {
      from: '2027-03-01',
      to: '2027-03-05',
      capacity: 20,
      countReminded: true,
    });
    if (!result.ok) throw new Error(result.error.message);
    const [callsheet, reminded, ...baselines] = result.value.policies;
    expect(reminded!.id).toBe('callsheet-reminded');
    expect(reminded!.summary.calls).toBeGreaterThan(callsheet!.summary.calls);
    expect(reminded!.summary.coveragePct ?? 0).toBeGreaterThanOrEqual(callsheet!.summary.coveragePct ?? 0);
    for (const b of baselines) expect(b.summary.calls).toBe(callsheet!.summary.calls);
  });
});

describe('backtest trying other policy settings', () => {
  const period = { from: '2027-03-01', to: '2027-03-12', capacity: 20 } as const;

  it('replays Callsheet once more per trial, at its number of calls, and changes no setting', async () => {
    const before = await store.sql.query('SELECT key, value FROM settings ORDER BY key');
    const tries = await policyTrials(store.sql, ['policy.oldestShare=0', 'policy.oldestShare=0.05']);
    expect(tries.map((t) => t.label)).toEqual([
      'Callsheet with policy.oldestShare = 0',
      'Callsheet with policy.oldestShare = 0.05',
    ]);
    const result = await runBacktest(deps(), { ...period, tries });
    if (!result.ok) throw new Error(result.error.message);
    const [callsheet, none, same, ...rest] = result.value.policies;
    expect([none!.id, same!.id]).toEqual(['callsheet-try-1', 'callsheet-try-2']);
    expect(rest.map((p) => p.id)).toEqual(['largest-overdue', 'oldest-invoice', 'random', 'hindsight']);
    // The stored value tried again is the same list, day by day.
    expect(same!.daily).toEqual(callsheet!.daily);
    // No places kept for late debts: the same number of calls, chosen by dollars alone.
    expect(none!.daily.map((d) => d.calls)).toEqual(callsheet!.daily.map((d) => d.calls));
    expect(none!.summary.earlyCoveragePct).not.toBe(callsheet!.summary.earlyCoveragePct);
    expect(await store.sql.query('SELECT key, value FROM settings ORDER BY key')).toEqual(before);
  });

  it.each([
    ['policy.oldestShare=0.9', /cannot try policy\.oldestShare=0\.9: policy\.oldestShare: Too big/],
    ['policy.oldestShar=0.1', /no setting "policy\.oldestShar"; did you mean policy\.oldestShare/],
    ['schedule.digestTime=08:00', /schedule\.digestTime is not a policy setting/],
    [
      'policy.lateness.lateDays=45',
      /cannot change policy\.lateness\.lateDays: the backtest measures late money with it/,
    ],
    ['oldestShare', /--try takes <setting>=<value>/],
    ['policy.constructor=5', /no setting "policy\.constructor"/],
  ])('refuses --try %s with a message naming it', async (arg, message) => {
    await expect(policyTrials(store.sql, [arg])).rejects.toThrow(message);
  });
});
