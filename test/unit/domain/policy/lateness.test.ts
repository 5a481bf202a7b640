import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assessLateness,
  type LatenessSubject,
  trendShift,
} from '../../../../src/domain/policy/lateness/assess-lateness.ts';
import {
  type LatenessSettings,
  latenessSchema,
} from '../../../../src/domain/policy/lateness/lateness-settings.ts';
import { NO_HISTORY, payHistoryOf } from '../../../../src/domain/policy/lateness/pay-history.ts';
import { peerPriors } from '../../../../src/domain/policy/lateness/peer-priors.ts';

const settings: LatenessSettings = latenessSchema.parse({});
const segment = { termsDays: 30, industry: 'Retail', region: 'West' };
const AGENCY = 50;

/** n invoices paid `daysLate` late (± spread), one every 30 days back from the day, $1,000 each. */
function paid(n: number, daysLate: (k: number) => number) {
  return {
    daysLate: Array.from({ length: n }, (_, k) => daysLate(k)),
    daysAgo: Array.from({ length: n }, (_, k) => Math.min(364, 5 + k * (360 / Math.max(1, n)))),
    cents: Array.from({ length: n }, () => 100_000),
  };
}
const history = (n: number, daysLate: (k: number) => number, s = settings) =>
  payHistoryOf(paid(n, daysLate), s.lateDays, s.halfLifeDays);

/** Peers: 200 customers' worth of invoices, a fifth of them paid 45 days late. */
const peers = peerPriors([{ segment, sample: history(200, (k) => (k % 5 === 0 ? 45 : 2)) }], settings).of(
  segment,
);

const subject = (h: LatenessSubject['history'], dpds: number[]): LatenessSubject => ({
  history: h,
  open: dpds.map((dpd, k) => ({ id: k + 1, dpd, cents: 50_000 })),
});
const pOf = (s: LatenessSubject, k = 0, opts = settings) =>
  assessLateness(s, peers, opts, AGENCY).invoices[k]!.p;

const paidInvoices = fc
  .array(
    fc.record({
      daysLate: fc.integer({ min: -90, max: 400 }),
      daysAgo: fc.integer({ min: 0, max: 364 }),
      cents: fc.integer({ min: 1, max: 100_000_000 }),
    }),
    { maxLength: 60 },
  )
  .map((xs) => ({
    daysLate: xs.map((x) => x.daysLate),
    daysAgo: xs.map((x) => x.daysAgo),
    cents: xs.map((x) => x.cents),
  }));
const params = fc.record({
  shrinkage: fc.double({ min: 0, max: 50, noNaN: true }),
  spreadFloorDays: fc.double({ min: 0.5, max: 30, noNaN: true }),
  trendWeight: fc.double({ min: 0, max: 2, noNaN: true }),
  surpriseRate: fc.double({ min: 0, max: 0.5, noNaN: true }),
  lateDays: fc.integer({ min: 1, max: 120 }),
});

describe('the lateness model', () => {
  it('gives every open invoice a probability in [0, 1], whatever the history and parameters', () => {
    fc.assert(
      fc.property(
        paidInvoices,
        params,
        fc.array(fc.integer({ min: -120, max: 400 }), { maxLength: 8 }),
        (p, q, dpds) => {
          const s = latenessSchema.parse(q);
          const prior = peerPriors([{ segment, sample: payHistoryOf(p, s.lateDays, s.halfLifeDays) }], s).of(
            segment,
          );
          const a = assessLateness(
            subject(payHistoryOf(p, s.lateDays, s.halfLifeDays), dpds),
            prior,
            s,
            AGENCY,
          );
          for (const inv of a.invoices) {
            expect(Number.isFinite(inv.p)).toBe(true);
            expect(inv.p).toBeGreaterThanOrEqual(0);
            expect(inv.p).toBeLessThanOrEqual(1);
          }
          expect(a.expectedLateCents).toBeLessThanOrEqual(a.callableCents);
          expect(a.probability).toBeGreaterThanOrEqual(0);
          expect(a.probability).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('never lowers p as an unpaid invoice grows older', () => {
    fc.assert(
      fc.property(
        paidInvoices,
        fc.integer({ min: -120, max: 200 }),
        fc.integer({ min: 1, max: 60 }),
        (p, dpd, more) => {
          const h = payHistoryOf(p, settings.lateDays, settings.halfLifeDays);
          const younger = pOf(subject(h, [dpd]));
          const older = pOf(subject(h, [dpd + more]));
          expect(older).toBeGreaterThanOrEqual(younger - 1e-12);
        },
      ),
    );
  });

  it('moves toward the customer’s own rate as clean history grows', () => {
    const ps = [0, 1, 3, 10, 30, 100].map((n) =>
      pOf(
        subject(
          history(n, () => -2),
          [0],
        ),
      ),
    );
    for (let k = 1; k < ps.length; k++) expect(ps[k]!).toBeLessThanOrEqual(ps[k - 1]!);
    expect(ps[0]).toBeCloseTo(pOf(subject(NO_HISTORY, [0])), 12); // no history: its peers' rate
    expect(ps[0]!).toBeGreaterThan(0.1);
    expect(ps[5]!).toBeLessThan(ps[0]! / 5);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 200 }), (n, more) => {
        expect(
          pOf(
            subject(
              history(n + more, () => 0),
              [5],
            ),
          ),
        ).toBeLessThanOrEqual(
          pOf(
            subject(
              history(n, () => 0),
              [5],
            ),
          ) + 1e-12,
        );
      }),
    );
  });

  it('is robust with 0, 1 or 1,000 past invoices, all on time or all late', () => {
    for (const n of [0, 1, 1000])
      for (const late of [-5, 90]) {
        const p = pOf(
          subject(
            history(n, () => late),
            [-10],
          ),
        );
        expect(Number.isFinite(p)).toBe(true);
        if (n === 1000) expect(p).toBeCloseTo(late > 0 ? 1 : 0, 1);
      }
  });

  it('conditions on age: 20 days past due from a customer who pays at 25 is nearly safe; past L it is late', () => {
    const h = history(24, (k) => 25 + ((k % 5) - 2));
    expect(pOf(subject(h, [20]))).toBeLessThan(0.2);
    expect(pOf(subject(h, [20]), 0, { ...settings, shrinkage: 0.5, spreadFloorDays: 2 })).toBeLessThan(0.05);
    expect(pOf(subject(h, [40]))).toBe(1);
    expect(pOf(subject(h, [28]))).toBeGreaterThan(pOf(subject(h, [20])));
  });

  it('projects a slowing payer’s trend to today', () => {
    const slowing = payHistoryOf(
      {
        daysLate: [0, 2, 5, 10, 15, 20, 25],
        daysAgo: [330, 280, 230, 180, 120, 60, 10],
        cents: Array(7).fill(100_000),
      },
      settings.lateDays,
      settings.halfLifeDays,
    );
    expect(trendShift(slowing.trend, slowing.count, settings)).toBeGreaterThan(3);
    expect(trendShift(slowing.trend, slowing.count, { ...settings, trendWeight: 0 })).toBe(0);
    expect(pOf(subject(slowing, [10]))).toBeGreaterThan(
      pOf(subject(slowing, [10]), 0, { ...settings, trendWeight: 0 }),
    );
  });

  it('lowers p under a promise not yet due by the customer’s record of keeping promises', () => {
    const h = history(12, () => 35);
    const base = assessLateness(subject(h, [10, 5]), peers, settings, AGENCY);
    const promised = assessLateness(
      { ...subject(h, [10, 5]), pendingPromiseCents: 50_000, promiseKeptRate: 0.8 },
      peers,
      settings,
      AGENCY,
    );
    // The promise covers the most overdue invoice only.
    expect(promised.invoices[0]!.p).toBeCloseTo(base.invoices[0]!.p * 0.2, 10);
    expect(promised.invoices[1]!.p).toBe(base.invoices[1]!.p);
  });

  it('leaves money at the agency step out of the expected late dollars', () => {
    const a = assessLateness(
      subject(
        history(12, () => 0),
        [80, 10],
      ),
      peers,
      settings,
      AGENCY,
    );
    expect(a.agencyCents).toBe(50_000);
    expect(a.agencyInvoices).toBe(1);
    expect(a.callableCents).toBe(50_000);
    expect(a.expectedLateCents).toBe(Math.round(50_000 * a.invoices[1]!.p));
    expect(a.lateOpen).toBe(1);
  });
});
