import { describe, expect, it } from 'vitest';
import { leadByWeek, summarizePolicy, weekOf } from '../../../../src/domain/kpis/backtest-summary.ts';
import {
  largestOverdueFirst,
  oldestInvoiceFirst,
  randomOrder,
} from '../../../../src/domain/kpis/baseline-policies.ts';

const account = (
  customerId: number,
  overdueCents: number,
  openCents: number,
  oldest: string | null,
  open: string,
) => ({
  customerId,
  overdueCents,
  openCents,
  oldestOverdueIssue: oldest,
  oldestOpenIssue: open,
});
const accounts = [
  account(1, 500_00, 500_00, '2027-01-10', '2027-01-10'),
  account(2, 9_000_00, 9_000_00, '2027-03-01', '2027-03-01'),
  account(3, 2_000_00, 2_000_00, '2026-12-01', '2026-12-01'),
  account(4, 2_000_00, 7_000_00, '2027-02-01', '2027-02-01'),
  // Nothing overdue yet: the baselines still choose from every customer with open money.
  account(5, 0, 50_000_00, null, '2027-03-20'),
  account(6, 0, 1_000_00, null, '2026-11-20'),
];

describe('baseline policies', () => {
  it('largest overdue balance first, then the largest open balance, at most the calls allowed', () => {
    expect(largestOverdueFirst(accounts, 3)).toEqual([2, 4, 3]);
    expect(largestOverdueFirst(accounts, 6)).toEqual([2, 4, 3, 1, 5, 6]);
    expect(largestOverdueFirst(accounts, 0)).toEqual([]);
  });

  it('oldest overdue invoice first, then the oldest open invoice', () => {
    expect(oldestInvoiceFirst(accounts, 10)).toEqual([3, 1, 4, 2, 6, 5]);
  });

  it('random: the same seed and day give the same order, another day another one', () => {
    const a = randomOrder(accounts, 4, 42, '2027-03-01');
    expect(randomOrder(accounts, 4, 42, '2027-03-01')).toEqual(a);
    expect(new Set(a).size).toBe(4);
    const days = ['2027-03-02', '2027-03-03', '2027-03-04', '2027-03-05'];
    expect(days.some((d) => randomOrder(accounts, 4, 42, d).join() !== a.join())).toBe(true);
  });
});

describe('backtest summary', () => {
  const day = (d: string, calls: number, covered: number, atRisk: number, wasted = 0) => ({
    day: d,
    calls,
    wastedCalls: wasted,
    noRiskCalls: wasted,
    coveredCents: covered,
    atRiskCents: atRisk,
    earlyCoveredCents: covered,
    earlyAtRiskCents: atRisk,
  });

  it('weights coverage by dollar-days and counts a missed invoice as 0 days of lead', () => {
    const s = summarizePolicy(
      [day('2027-03-01', 10, 30, 100, 2), day('2027-03-02', 10, 70, 100)],
      [
        { day60: '2027-03-01', leadDays: 20, cents: 300_000 },
        { day60: '2027-03-02', leadDays: null, cents: 100_000 },
      ],
    );
    expect(s).toMatchObject({
      calls: 20,
      callsPerDay: 10,
      coveragePct: 50,
      wastedCalls: 2,
      wastedPct: 10,
      troubled: 2,
      warned: 1,
      avgLeadDays: 10,
      dollarLeadDays: 15, // (20 × $3,000 + 0 × $1,000) ÷ $4,000
      avgLeadWarnedDays: 20,
    });
  });

  it('has no ratios without calls, risk or troubled invoices', () => {
    const s = summarizePolicy([day('2027-03-01', 0, 0, 0)], []);
    expect([s.coveragePct, s.wastedPct, s.avgLeadDays, s.dollarLeadDays]).toEqual([null, null, null, null]);
  });

  it('buckets lead times by the Monday of the week', () => {
    expect(weekOf('2027-03-07')).toBe('2027-03-01'); // a Sunday
    expect(weekOf('2027-03-01')).toBe('2027-03-01');
    expect(
      leadByWeek([
        { day60: '2027-03-02', leadDays: 10 },
        { day60: '2027-03-05', leadDays: null },
        { day60: '2027-03-09', leadDays: 4 },
      ]),
    ).toEqual([
      { week: '2027-03-01', avgLeadDays: 5, invoices: 2 },
      { week: '2027-03-08', avgLeadDays: 4, invoices: 1 },
    ]);
  });
});
