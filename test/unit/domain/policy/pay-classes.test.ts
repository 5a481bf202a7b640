import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessLateness, ownSample } from '../../../../src/domain/policy/lateness/assess-lateness.ts';
import {
  type LatenessSettings,
  latenessSchema,
} from '../../../../src/domain/policy/lateness/lateness-settings.ts';
import {
  classWeights,
  learnPayClasses,
  withPayClasses,
} from '../../../../src/domain/policy/lateness/pay-classes.ts';
import { NO_HISTORY, payHistoryOf } from '../../../../src/domain/policy/lateness/pay-history.ts';
import { peerPriors, priorAt } from '../../../../src/domain/policy/lateness/peer-priors.ts';

const settings: LatenessSettings = latenessSchema.parse({});
const segment = { termsDays: 30, industry: 'Retail', region: 'West' };
const L = settings.lateDays;

/** A customer's year: n invoices, one every 30 days back from the day, paid `daysLate(k)` late. */
function year(n: number, daysLate: (k: number) => number) {
  const history = payHistoryOf(
    {
      daysLate: Array.from({ length: n }, (_, k) => daysLate(k)),
      daysAgo: Array.from({ length: n }, (_, k) => Math.min(364, 5 + k * 30)),
      cents: Array.from({ length: n }, () => 100_000),
    },
    L,
    settings.halfLifeDays,
  );
  return ownSample({ history, open: [] }, settings);
}

/** A company of prompt payers (2 days early), steady 60-day payers on 30-day terms and chronic late payers. */
const company = [
  ...Array.from({ length: 60 }, (_, j) => year(12, (k) => -2 + ((j + k) % 3))),
  ...Array.from({ length: 30 }, (_, j) => year(12, (k) => 29 + ((j + k) % 4))),
  ...Array.from({ length: 20 }, (_, j) => year(12, (k) => 45 + ((j + k) % 20))),
];

describe('pay classes', () => {
  it('learn the company’s ways of paying, so a prompt payer’s prior is safer than its segment’s and a late payer’s riskier', () => {
    const classes = learnPayClasses(company, settings);
    expect(classes).not.toBeNull();
    const segmentPrior = peerPriors(
      company.map((sample) => ({ segment, sample })),
      settings,
    ).of(segment);
    const refined = withPayClasses({ of: () => segmentPrior }, classes);
    const prompt = refined.of(segment, company[0]!);
    const late = refined.of(segment, company[100]!);
    expect(priorAt(prompt, L)).toBeLessThan(priorAt(segmentPrior, L) / 5);
    expect(priorAt(late, L)).toBeGreaterThan(priorAt(segmentPrior, L) * 2);
  });

  it('give a customer with a clean year a lower p than its segment alone would', () => {
    const segments = peerPriors(
      company.map((sample) => ({ segment, sample })),
      settings,
    );
    const refined = withPayClasses(segments, learnPayClasses(company, settings));
    const own = company[1]!;
    const subject = { history: NO_HISTORY, open: [{ id: 1, dpd: -10, cents: 100_000 }], own };
    const bySegment = assessLateness(subject, segments.of(segment), settings, 50).invoices[0]!.p;
    const byClass = assessLateness(subject, refined.of(segment, own), settings, 50).invoices[0]!.p;
    expect(byClass).toBeLessThan(bySegment);
  });

  it('leave a customer without a history of its own its segment’s prior', () => {
    const segments = peerPriors(
      company.map((sample) => ({ segment, sample })),
      settings,
    );
    const refined = withPayClasses(segments, learnPayClasses(company, settings));
    expect(refined.of(segment, { binWeights: new Float64Array(0), lateWeight: 0 })).toBe(
      segments.of(segment),
    );
    expect(refined.of(segment)).toBe(segments.of(segment));
  });

  it('are not learned when switched off or from too few customers', () => {
    expect(learnPayClasses(company, { ...settings, payClasses: 0 })).toBeNull();
    expect(learnPayClasses(company.slice(0, 10), settings)).toBeNull();
  });

  it('are learned again when the customers change, and not when they do not', () => {
    const first = learnPayClasses(company, settings)!;
    expect(learnPayClasses([...company], settings)).toBe(first);
    const other = learnPayClasses(company.slice(0, 90), settings)!;
    expect(other).not.toBe(first);
    expect(other.grids.map((g) => [...g.values])).not.toEqual(first.grids.map((g) => [...g.values]));
    expect(learnPayClasses(company, { ...settings, spreadFloorDays: 2 })).not.toBe(first);
    expect(learnPayClasses(company, settings)!.grids.map((g) => [...g.values])).toEqual(
      first.grids.map((g) => [...g.values]),
    );
  });

  it('are the same for the same customers', () => {
    const a = learnPayClasses(company, settings)!;
    const b = learnPayClasses([...company], settings)!;
    expect(a.grids.map((g) => [...g.values])).toEqual(b.grids.map((g) => [...g.values]));
  });

  it('give every customer class weights adding up to 1 and a survival in [0, 1] that never rises with days late', () => {
    const classes = learnPayClasses(company, settings)!;
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -90, max: 400 }), { minLength: 1, maxLength: 40 }),
        (daysLate) => {
          const weights = classWeights(
            classes,
            year(daysLate.length, (k) => daysLate[k]!),
          );
          expect(weights.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
          const prior = { grids: classes.grids, weights, label: '' };
          let previous = Number.POSITIVE_INFINITY;
          for (let t = -40; t <= L; t++) {
            const s = priorAt(prior, t);
            expect(s).toBeGreaterThanOrEqual(0);
            expect(s).toBeLessThanOrEqual(1 + 1e-12);
            expect(s).toBeLessThanOrEqual(previous + 1e-12);
            previous = s;
          }
        },
      ),
    );
  });

  it('keep every p in [0, 1] and never lower it as an unpaid invoice ages, for any company, customer and L', () => {
    const histories = fc.array(fc.integer({ min: -90, max: 400 }), { minLength: 1, maxLength: 24 });
    fc.assert(
      fc.property(
        fc.array(histories, { minLength: 0, maxLength: 60 }),
        histories,
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: -120, max: 200 }),
        fc.integer({ min: 1, max: 60 }),
        (others, mine, lateDays, payClasses, dpd, more) => {
          const s = latenessSchema.parse({ lateDays, payClasses });
          const sampleOf = (days: number[]) =>
            ownSample(
              {
                history: payHistoryOf(
                  {
                    daysLate: days,
                    daysAgo: days.map((_, k) => Math.min(364, 5 + k * 15)),
                    cents: days.map(() => 100_000),
                  },
                  s.lateDays,
                  s.halfLifeDays,
                ),
                open: [],
              },
              s,
            );
          const company = others.map(sampleOf);
          const priors = withPayClasses(
            peerPriors(
              company.map((sample) => ({ segment, sample })),
              s,
            ),
            learnPayClasses(company, s),
          );
          const own = sampleOf(mine);
          const pAt = (d: number) =>
            assessLateness(
              { history: NO_HISTORY, open: [{ id: 1, dpd: d, cents: 100_000 }], own },
              priors.of(segment, own),
              s,
              10_000,
            ).invoices[0]!.p;
          const younger = pAt(dpd);
          const older = pAt(dpd + more);
          for (const p of [younger, older]) {
            expect(p).toBeGreaterThanOrEqual(0);
            expect(p).toBeLessThanOrEqual(1);
          }
          expect(older).toBeGreaterThanOrEqual(younger - 1e-12);
        },
      ),
      { numRuns: 200 },
    );
  });
});
