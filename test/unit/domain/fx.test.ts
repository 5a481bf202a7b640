import { describe, expect, it } from 'vitest';
import { convertCents, exchangeCents, missingRateText, rateOn, scaledRate } from '../../../src/domain/fx.ts';

describe('exchange rates', () => {
  it('reads a rate as an exact decimal, never a float', () => {
    expect(scaledRate('1.0825')).toBe(10_825_000_000n);
    expect(scaledRate('0.0000000001')).toBe(1n);
    expect(scaledRate('0.1')! * 3n).toBe(scaledRate('0.3')); // 0.1 × 3 = 0.3 exactly
    for (const bad of ['0', '-1.2', '1e3', '1,5', '', '0.00000000001'])
      expect(scaledRate(bad)).toBeUndefined();
  });

  it.each([
    [1_240_000, '1.1', 1_364_000],
    [12_345, '1.0825', 13_363], // 13363.4625
    [1, '0.5', 1], // half away from zero
    [-1, '0.5', -1],
    [3, '0.5', 2], // 1.5 → 2
    [-3, '0.5', -2],
    [100, '0.0066', 1], // 0.66 → 1
    [9_007_199_254_740, '1', 9_007_199_254_740],
  ])('converts %i cents at %s to %i cents, rounding half away from zero', (cents, rate, out) => {
    expect(convertCents(cents, rate)).toBe(out);
  });

  it('uses the latest rate dated on or before the day', () => {
    const rates = new Map([
      [
        'EUR',
        [
          { date: '2027-05-01', rate: '1.08' },
          { date: '2027-05-20', rate: '1.1' },
        ],
      ],
    ]);
    expect(rateOn(rates, 'USD', 'USD', '2027-01-01')).toEqual({ ok: true, rate: '1' });
    expect(rateOn(rates, 'USD', 'EUR', '2027-05-19')).toEqual({ ok: true, rate: '1.08' });
    expect(rateOn(rates, 'USD', 'EUR', '2027-05-20')).toEqual({ ok: true, rate: '1.1' });
    expect(rateOn(rates, 'USD', 'EUR', '2030-01-01')).toEqual({ ok: true, rate: '1.1' });
    expect(rateOn(rates, 'USD', 'EUR', '2027-04-30')).toEqual({
      ok: false,
      missing: { currency: 'EUR', day: '2027-04-30' },
    });
    expect(rateOn(rates, 'USD', 'GBP', '2027-05-28')).toEqual({
      ok: false,
      missing: { currency: 'GBP', day: '2027-05-28' },
    });
  });

  it('names the currency and the day of a missing rate, and the remedy', () => {
    expect(missingRateText({ currency: 'GBP', day: '2027-05-28' }, 'USD')).toBe(
      'no GBP rate on or before 2027-05-28 (base currency USD); import an fx_rates file with a GBP rate dated 2027-05-28 or earlier',
    );
  });
});

describe('exchangeCents', () => {
  const rates = new Map([
    ['EUR', [{ date: '2027-05-01', rate: '1.10' }]],
    ['GBP', [{ date: '2027-05-01', rate: '1.25' }]],
  ]);
  it('converts through the base, rounding half away from zero, and says null without a rate', () => {
    expect(exchangeCents(rates, 'USD', 100_000, 'EUR', 'EUR', '2027-05-02')).toBe(100_000);
    expect(exchangeCents(rates, 'USD', 100_000, 'EUR', 'USD', '2027-05-02')).toBe(110_000);
    expect(exchangeCents(rates, 'USD', 110_000, 'USD', 'EUR', '2027-05-02')).toBe(100_000);
    // €1,000 → $1,100 → £880.
    expect(exchangeCents(rates, 'USD', 100_000, 'EUR', 'GBP', '2027-05-02')).toBe(88_000);
    // $0.01 ÷ 1.10 = 0.909… → 1 cent; −$0.01 → −1 cent.
    expect(exchangeCents(rates, 'USD', 1, 'USD', 'EUR', '2027-05-02')).toBe(1);
    expect(exchangeCents(rates, 'USD', -1, 'USD', 'EUR', '2027-05-02')).toBe(-1);
    expect(exchangeCents(rates, 'USD', 100, 'EUR', 'USD', '2027-04-30')).toBeNull();
    expect(exchangeCents(rates, 'USD', 100, 'USD', 'JPY', '2027-05-02')).toBeNull();
  });
});
