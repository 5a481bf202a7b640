import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalFromCents } from '../../../src/domain/money.ts';
import { amountsText, dateText, moneyText, sumAmounts, totalText } from '../../../src/domain/money-text.ts';

const US = { base: 'USD', locale: 'en-US' };
const DE = { base: 'EUR', locale: 'de-DE' };
const NBSP = '\u00a0';

describe('money in the company locale', () => {
  it('formats exactly in the locale (de-DE: 12.400,00 €), never through a float', () => {
    expect(moneyText(1_240_000, 'EUR', 'de-DE')).toBe(`12.400,00${NBSP}€`);
    expect(moneyText(1_240_000, 'EUR')).toBe('€12,400.00');
    expect(moneyText(9_007_199_254_740, 'USD', 'de-DE')).toBe(`90.071.992.547,40${NBSP}$`);
    expect(moneyText(1_240_050, 'EUR', 'de-DE', 'whole')).toBe(`12.401${NBSP}€`);
    expect(moneyText(-123, 'USD', 'en-GB')).toBe('-US$1.23');
  });

  it('lists currencies side by side, base first, and never adds them', () => {
    const mixed = [
      { currency: 'EUR', cents: 1_240_000 },
      { currency: 'USD', cents: 310_000 },
      { currency: 'GBP', cents: 0 },
    ];
    expect(amountsText(mixed, US)).toBe('$3,100.00 + €12,400.00');
    expect(totalText(mixed, 1_674_000, US)).toBe('$3,100.00 + €12,400.00 (= $16,740.00)');
    expect(totalText([{ currency: 'USD', cents: 310_000 }], 310_000, US)).toBe('$3,100.00');
    expect(totalText([], 0, US)).toBe('$0.00');
    expect(totalText(mixed, 1_520_000, DE)).toBe(
      `12.400,00${NBSP}€ + 3.100,00${NBSP}$ (= 15.200,00${NBSP}€)`,
    );
  });

  it('sums per currency', () => {
    expect(
      sumAmounts([
        [{ currency: 'EUR', cents: 1 }],
        [
          { currency: 'EUR', cents: 2 },
          { currency: 'USD', cents: 5 },
        ],
      ]),
    ).toEqual([
      { currency: 'EUR', cents: 3 },
      { currency: 'USD', cents: 5 },
    ]);
  });

  it('writes dates in the locale', () => {
    expect(dateText('2027-05-28', 'de-DE')).toBe('28.05.2027');
    expect(dateText('2027-05-28', 'en-US')).toBe('May 28, 2027');
  });
});

describe('whole units in en-US', () => {
  it('writes exactly what Intl writes, for every currency with a symbol here', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e13, max: 1e13 }),
        fc.constantFrom('USD', 'EUR', 'GBP', 'CAD', 'AUD'),
        (cents, currency) => {
          const intl = new Intl.NumberFormat('en-US', {
            style: 'currency',
            currency,
            minimumFractionDigits: 0,
            maximumFractionDigits: 0,
          }).format(decimalFromCents(cents) as unknown as number);
          expect(moneyText(cents, currency, 'en-US', 'whole')).toBe(intl);
        },
      ),
    );
  });
});
