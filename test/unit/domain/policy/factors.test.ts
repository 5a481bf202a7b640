import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DISPLAY } from '../../../../src/domain/money-text.ts';
import { emptyAccount } from '../../../../src/domain/policy/account-inputs.ts';
import { centsAtRisk, collectable, segmentOf } from '../../../../src/domain/policy/collectability.ts';
import { balanceFactor } from '../../../../src/domain/policy/factors/balance.ts';
import {
  brokenPromisesFactor,
  callbackDueFactor,
  contactGapFactor,
  disputesFactor,
  unansweredCallsFactor,
} from '../../../../src/domain/policy/factors/interaction-history.ts';
import { orderVolumeFactor } from '../../../../src/domain/policy/factors/order-history.ts';
import {
  paySpeedFactor,
  payTrendFactor,
  payVarianceFactor,
} from '../../../../src/domain/policy/factors/payment-history.ts';
import {
  generalRiskFactor,
  marginFactor,
  specificRiskFactor,
} from '../../../../src/domain/policy/factors/risk.ts';
import { DEFAULT_POLICY } from '../../../../src/domain/policy/policy-settings.ts';
import { scoreAccount } from '../../../../src/domain/policy/score-account.ts';
import { type OverdueInvoice, overdueAccount } from './builders.ts';

const ctx = { asOf: '2027-05-28', policy: DEFAULT_POLICY, display: DEFAULT_DISPLAY };

describe('the collectability curve', () => {
  it.each([
    [0, 1],
    [90, 0.689],
    [180, 0.513],
    [365, 0.214],
    [1000, 0.1],
  ])('at %i days past due keeps %f collectable', (days, share) => {
    expect(collectable(days)).toBeCloseTo(share, 6);
  });

  it('interpolates between the survey points', () => {
    expect(collectable(135)).toBeCloseTo((0.689 + 0.513) / 2, 6);
  });

  it('sums per-segment aggregates to exactly the per-invoice losses', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            cents: fc.integer({ min: 1, max: 10_000_000 }),
            days: fc.integer({ min: 1, max: 1500 }),
          }),
        ),
        (invoices) => {
          const segs = Array.from({ length: 5 }, () => ({ cents: 0, centsDays: 0 }));
          for (const inv of invoices) {
            const seg = segs[segmentOf(inv.days)]!;
            seg.cents += inv.cents;
            seg.centsDays += inv.cents * inv.days;
          }
          const direct = invoices.reduce((sum, inv) => sum + inv.cents * (1 - collectable(inv.days)), 0);
          expect(centsAtRisk(segs)).toBeCloseTo(direct, 0);
        },
      ),
    );
  });
});

describe('the balance factor', () => {
  it('says how much is overdue and how old the oldest is', () => {
    const account = overdueAccount('ACME', [
      { cents: 4_000_000, days: 52 },
      { cents: 820_000, days: 10 },
    ]);
    const result = balanceFactor(account, ctx);
    expect(result.reason).toBe('$48,200 overdue, oldest 52 days past due');
    expect(result.points).toBeGreaterThan(0);
  });

  it('names the part over 90 days', () => {
    const account = overdueAccount('OLD', [
      { cents: 1_000_000, days: 120 },
      { cents: 500_000, days: 20 },
    ]);
    expect(balanceFactor(account, ctx).reason).toBe(
      '$15,000 overdue, oldest 120 days past due; $10,000 of it over 90 days',
    );
  });

  const invoice = fc.record({
    cents: fc.integer({ min: 1, max: 50_000_000 }),
    days: fc.integer({ min: 1, max: 1200 }),
  });

  it('never scores less when more is overdue, in money or in days', () => {
    fc.assert(
      fc.property(
        fc.array(invoice, { maxLength: 8 }),
        invoice,
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 400 }),
        invoice,
        (others, inv, moreCents, moreDays, extra) => {
          const before = balanceFactor(overdueAccount('X', [...others, inv]), ctx).points;
          const bigger: OverdueInvoice = { cents: inv.cents + moreCents, days: inv.days + moreDays };
          const after = balanceFactor(overdueAccount('X', [...others, bigger]), ctx).points;
          const added = balanceFactor(overdueAccount('X', [...others, inv, extra]), ctx).points;
          expect(after).toBeGreaterThanOrEqual(before);
          expect(added).toBeGreaterThanOrEqual(before);
        },
      ),
    );
  });

  it('is zero with nothing overdue', () => {
    expect(balanceFactor(emptyAccount('Z'), ctx)).toEqual({ factor: 'balance', points: 0, reason: null });
  });
});

describe('payment history', () => {
  const payments = (p: Partial<ReturnType<typeof emptyAccount>['payments']>) =>
    emptyAccount('P', { payments: { ...emptyAccount('P').payments, ...p } });

  it('names a payer that is getting slower', () => {
    const r = payTrendFactor(payments({ recentAvgDays: 52.4, priorAvgDays: 34 }), ctx);
    expect(r.reason).toBe('pays 18 days slower than 6 months ago');
    expect(r.points).toBe(27.6);
  });

  it('ignores a small wobble', () => {
    expect(payTrendFactor(payments({ recentAvgDays: 36, priorAvgDays: 33 }), ctx).points).toBe(0);
  });

  it('compares with the terms, and with the customer’s own pattern when it has one', () => {
    expect(paySpeedFactor(payments({ yearAvgDays: 47, recentAvgDays: 47 }), ctx).reason).toBe(
      'pays in 47 days on average vs 30-day terms',
    );
    const steady = emptyAccount('S', {
      expectedDaysToPay: 60,
      payments: { ...emptyAccount('S').payments, yearAvgDays: 60, recentAvgDays: 71 },
    });
    expect(paySpeedFactor(steady, ctx).reason).toBe('pays in 71 days lately vs its usual 60');
  });

  it('flags an erratic payer', () => {
    const r = payVarianceFactor(payments({ yearStddevDays: 21.2, yearCount: 8 }), ctx);
    expect(r.reason).toBe('erratic payer: days-to-pay varies by ±21 days');
  });
});

describe('interaction history', () => {
  const overdue = overdueAccount('I', [{ cents: 100_000, days: 20 }]);

  it('counts broken promises since the month of the first', () => {
    const account = {
      ...overdue,
      promises: { ...overdue.promises, brokenCount: 2, firstBrokenOn: '2027-03-10' },
    };
    expect(brokenPromisesFactor(account, ctx)).toEqual({
      factor: 'broken_promises',
      points: 30,
      reason: '2 broken promises since March',
    });
  });

  it('names open disputes with their invoice and reason', () => {
    const account = {
      ...overdue,
      disputes: { openCount: 1, reasons: ['short shipment'], invoices: ['INV-1000123'] },
    };
    expect(disputesFactor(account, ctx).reason).toBe('1 open dispute on INV-1000123: short shipment');
  });

  it('counts unanswered calls in a row', () => {
    const account = {
      ...overdue,
      interactions: { ...overdue.interactions, unansweredStreak: 3, unansweredSince: '2027-05-16' },
    };
    expect(unansweredCallsFactor(account, ctx).reason).toBe('3 unanswered calls in a row since May 16');
  });

  it('counts days without contact past the grace', () => {
    const account = { ...overdue, interactions: { ...overdue.interactions, lastTouchOn: '2027-04-13' } };
    expect(contactGapFactor(account, ctx)).toMatchObject({ reason: 'no contact in 45 days', points: 7.8 });
    expect(contactGapFactor(overdue, ctx).reason).toBe('never contacted');
  });

  it('puts a callback on its day', () => {
    const account = {
      ...overdue,
      interactions: { ...overdue.interactions, callbackOn: '2027-05-28', callbackAskedOn: '2027-05-25' },
    };
    expect(callbackDueFactor(account, ctx).reason).toBe('callback promised for today (asked on May 25)');
    expect(callbackDueFactor(account, { ...ctx, asOf: '2027-05-27' }).points).toBe(0);
  });
});

describe('orders, risk and margin', () => {
  const overdue = overdueAccount('R', [{ cents: 100_000, days: 20 }]);

  it('gives leverage to recent buyers', () => {
    const account = { ...overdue, orders: { last90Cents: 8_500_000, last90Count: 4 } };
    expect(orderVolumeFactor(account, ctx).reason).toBe(
      'ordered $85,000 in the last 90 days (4 orders): leverage',
    );
    const euro = { ...ctx, display: { base: 'EUR', locale: 'de-DE' } };
    expect(orderVolumeFactor(account, euro).reason).toBe(
      'ordered 85.000\u00a0€ in the last 90 days (4 orders): leverage',
    );
    expect(balanceFactor(account, euro).reason).toBe('1.000\u00a0€ overdue, oldest 20 days past due');
  });

  it('rates industry and region risk', () => {
    const account = { ...overdue, riskRating: 4, industry: 'Construction', region: 'Southwest' };
    expect(generalRiskFactor(account, ctx)).toEqual({
      factor: 'general_risk',
      points: 9,
      reason: 'risk rating 4/5 (Construction, Southwest)',
    });
  });

  it('flags new customers and young businesses', () => {
    const account = { ...overdue, firstOrderOn: '2027-04-13', establishedOn: '2026-01-01' };
    expect(specificRiskFactor(account, ctx).reason).toBe(
      'new customer: first order 45 days ago; in business only 1.4 years',
    );
  });

  it('puts low-margin accounts first', () => {
    expect(marginFactor({ ...overdue, marginPct: 9.5 }, ctx)).toEqual({
      factor: 'margin',
      points: 5.3,
      reason: 'low margin 9.5%: carrying cost eats the profit',
    });
    expect(marginFactor({ ...overdue, marginPct: 30 }, ctx).points).toBe(0);
  });
});

describe('the score', () => {
  it('is the sum of the factors, with the balance reason first', () => {
    const account = {
      ...overdueAccount('S', [{ cents: 4_820_000, days: 52 }]),
      riskRating: 5,
      promises: { ...emptyAccount('S').promises, brokenCount: 2, firstBrokenOn: '2027-03-02' },
    };
    const { score, factors, reasons } = scoreAccount(account, ctx);
    expect(score).toBeCloseTo(
      factors.reduce((s, f) => s + f.points, 0),
      5,
    );
    expect(reasons[0]).toBe('$48,200 overdue, oldest 52 days past due');
    expect(reasons).toContain('2 broken promises since March');
    expect(reasons).toHaveLength(3);
  });
});
