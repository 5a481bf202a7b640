import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sparkline } from '../../../../src/domain/alerts/sparkline.ts';
import { median, medianCents, scaledMad, weightedMean } from '../../../../src/domain/alerts/stats.ts';

describe('robust statistics', () => {
  it.each([
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[], Number.NaN],
  ])('median of %j is %d', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it.each([
    [[100, 201], 150], // 150.5 → the even cent
    [[100, 203], 152], // 151.5 → the even cent
    [[100, 200, 7], 100],
  ])('median of %j cents, to the cent, is %d', (values, expected) => {
    expect(medianCents(values)).toBe(expected);
  });

  it('MAD ignores a single outlier that would swamp a standard deviation', () => {
    expect(scaledMad([10, 11, 9, 10, 12, 1000])).toBeCloseTo(1.4826 * 1, 4);
  });

  it('weights by amount', () => {
    expect(weightedMean([30, 60], [100, 300])).toBe(52.5);
    expect(weightedMean([30], [0])).toBeNaN();
  });
});

describe('sparkline', () => {
  it('scales from the lowest to the highest value', () => {
    expect(sparkline([1, 2, 3, 4, 5, 6, 7])).toBe('▁▂▃▄▅▆▇');
    expect(sparkline([5, 5, 5])).toBe('▄▄▄');
    expect(sparkline([])).toBe('');
    expect(sparkline([1, Number.NaN, 3])).toBe('▁ ▇');
  });

  it('has one bar per value for any series', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e9, max: 1e9 }), { maxLength: 40 }), (values) => {
        expect([...sparkline(values)]).toHaveLength(values.length);
      }),
    );
  });
});
