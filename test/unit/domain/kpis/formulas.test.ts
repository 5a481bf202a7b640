import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  businessDaysBetween,
  contactsPerDay,
  promiseKeptRate,
} from '../../../../src/domain/kpis/activity.ts';
import { agingBucket, agingProfile, CRF_NATIONAL, emptyBuckets } from '../../../../src/domain/kpis/aging.ts';
import { collectionEffectivenessIndex } from '../../../../src/domain/kpis/cei.ts';
import {
  averageDaysDelinquent,
  bestPossibleDso,
  countbackDso,
  periodDso,
} from '../../../../src/domain/kpis/dso.ts';

const month = (dollars: number, days = 30) => ({ salesCents: dollars * 100, days });

describe('countback DSO', () => {
  it('counts back 212,000 of AR over sales of 100,000 / 80,000 / 70,000 to 73.7 days', () => {
    const dso = countbackDso(212_000_00, [month(100_000), month(80_000), month(70_000)]);
    expect(dso).toBeCloseTo(30 + 30 + (32_000 / 70_000) * 30, 10);
    expect(dso!.toFixed(1)).toBe('73.7');
  });

  it('stops inside the first month when AR is below its sales', () => {
    expect(countbackDso(50_000_00, [month(100_000), month(80_000)])).toBe(15);
  });

  it('uses each month’s own length', () => {
    expect(countbackDso(150_00, [month(100, 31), month(100, 28)])).toBe(31 + 14);
  });

  it('skips a month without sales: its days count, none of the AR goes', () => {
    expect(countbackDso(150_00, [month(100), month(0), month(100)])).toBe(30 + 30 + 15);
  });

  it('extrapolates at the average daily sales when the history runs out', () => {
    // 300 of AR, 200 of sales in 60 days (3.33/day): 60 days + 100 / (200/60).
    expect(countbackDso(300_00, [month(100), month(100)])).toBeCloseTo(90, 10);
  });

  it('is 0 days with no receivables and undefined (null) with receivables but no sales', () => {
    expect(countbackDso(0, [month(100)])).toBe(0);
    expect(countbackDso(0, [])).toBe(0);
    expect(countbackDso(100_00, [])).toBeNull();
    expect(countbackDso(100_00, [month(0), month(0)])).toBeNull();
  });

  it('never decreases when AR grows (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 1e10 }),
        fc.integer({ min: 0, max: 1e9 }),
        (sales, ar, more) => {
          const periods = sales.map((s) => ({ salesCents: s, days: 30 }));
          const a = countbackDso(ar, periods);
          const b = countbackDso(ar + more, periods);
          if (a !== null && b !== null) expect(b).toBeGreaterThanOrEqual(a - 1e-9);
        },
      ),
    );
  });
});

describe('best possible DSO and ADD', () => {
  it('AR 15,000, current 4,000, 30-day sales 10,000 → DSO 45, best possible 12, ADD 33 days', () => {
    const sales = month(10_000);
    const dso = periodDso(15_000_00, sales);
    const best = periodDso(4_000_00, sales);
    expect(dso).toBe(45);
    expect(best).toBe(12);
    expect(averageDaysDelinquent(dso, best)).toBe(33);
  });

  it('gives the same 33 days with the countback method over two equal months', () => {
    const periods = [month(10_000), month(10_000)];
    const dso = countbackDso(15_000_00, periods);
    const best = bestPossibleDso(4_000_00, periods);
    expect([dso, best, averageDaysDelinquent(dso, best)]).toEqual([45, 12, 33]);
  });

  it('is undefined when either side is, and 0 when nothing is past due', () => {
    expect(averageDaysDelinquent(null, 12)).toBeNull();
    expect(periodDso(100, month(0))).toBeNull();
    expect(periodDso(0, month(0))).toBe(0);
    const periods = [month(10_000)];
    expect(averageDaysDelinquent(countbackDso(5_000_00, periods), bestPossibleDso(5_000_00, periods))).toBe(
      0,
    );
  });
});

describe('collection effectiveness index', () => {
  const quarter = {
    beginningArCents: 6_200_00,
    salesCents: 10_890_00,
    endingArCents: 6_340_00,
    endingCurrentArCents: 3_590_00,
    months: 3,
  };

  it('is 55.9% for the textbook quarter with sales divided by its three months', () => {
    const cei = collectionEffectivenessIndex({ ...quarter, divideSalesByMonths: true });
    expect(cei).toBeCloseTo(((6_200 + 3_630 - 6_340) / (6_200 + 3_630 - 3_590)) * 100, 10);
    expect(cei!.toFixed(1)).toBe('55.9');
  });

  it('uses the whole period’s sales when told not to divide', () => {
    const cei = collectionEffectivenessIndex({ ...quarter, divideSalesByMonths: false });
    expect(cei).toBeCloseTo(((6_200 + 10_890 - 6_340) / (6_200 + 10_890 - 3_590)) * 100, 10);
  });

  it('is 100% when everything past due was collected, and null with nothing collectable', () => {
    const all = { beginningArCents: 1000, salesCents: 500, months: 1, divideSalesByMonths: true };
    expect(collectionEffectivenessIndex({ ...all, endingArCents: 300, endingCurrentArCents: 300 })).toBe(100);
    expect(
      collectionEffectivenessIndex({
        ...all,
        beginningArCents: 0,
        salesCents: 0,
        endingArCents: 0,
        endingCurrentArCents: 0,
      }),
    ).toBeNull();
  });
});

describe('activity', () => {
  it('promise-kept rate counts only kept and broken promises', () => {
    expect(promiseKeptRate(3, 1)).toBe(75);
    expect(promiseKeptRate(0, 0)).toBeNull();
  });

  it('counts Monday to Friday: May 2027 has 21 business days', () => {
    expect(businessDaysBetween('2027-05-01', '2027-05-31')).toBe(21);
    expect(businessDaysBetween('2027-05-01', '2027-05-02')).toBe(0); // a weekend
  });

  it('contacts per day is undefined without business days', () => {
    expect(contactsPerDay(42, 21)).toBe(2);
    expect(contactsPerDay(5, 0)).toBeNull();
  });
});

describe('aging profile', () => {
  it.each([
    [-5, 'due', 'current'],
    [0, 'due', 'current'],
    [1, 'due', '1-30'],
    [45, 'due', '31-60'],
    [90, 'due', '61-90'],
    [91, 'due', 'over90'],
    [30, 'invoice', 'current'],
    [31, 'invoice', '31-60'],
    [120, 'invoice', 'over90'],
  ] as const)('%i days on the %s-date basis is %s', (days, basis, bucket) => {
    expect(agingBucket(days, basis)).toBe(bucket);
  });

  it('gives shares of the total beside the CRF national figures', () => {
    const p = agingProfile({ ...emptyBuckets(), current: 870_00, '1-30': 126_00, over90: 4_00 });
    expect(p.totalCents).toBe(1000_00);
    expect(p.currentPct).toBe(87);
    expect(p.over90Pct).toBe(0.4);
    expect(p.benchmark).toEqual(CRF_NATIONAL);
  });

  it('has no shares when there are no receivables', () => {
    const p = agingProfile(emptyBuckets());
    expect([p.totalCents, p.currentPct, p.over90Pct]).toEqual([0, null, null]);
  });
});
