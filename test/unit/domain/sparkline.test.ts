import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sparkline, trendLine } from '../../../src/domain/sparkline.ts';

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

describe('trendLine', () => {
  it('draws nothing for fewer than two points, the sparkline otherwise', () => {
    expect(trendLine([])).toBe('');
    expect(trendLine([5])).toBe('');
    expect(trendLine([1, 1, 1])).toBe('▄▄▄');
    expect(trendLine([0, 50, 100])).toBe('▁▄▇');
  });
});
