import { describe, expect, it } from 'vitest';
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
