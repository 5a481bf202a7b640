import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  centsFromDecimal,
  decimalFromCents,
  formatMoney,
  formatMoneyShort,
} from '../../../src/domain/money.ts';

describe('money', () => {
  it.each([
    ['1234.56', 123456],
    ['1234.5', 123450],
    ['0', 0],
    ['-12.05', -1205],
  ])('reads %s as %i cents', (text, cents) => {
    expect(centsFromDecimal(text)).toBe(cents);
  });

  it('reads any decimal-looking text as the plain pattern does, or refuses it alike', () => {
    const reference = (text: string) => {
      const m = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
      if (!m) return 'refused';
      const cents = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
      if (!Number.isSafeInteger(cents)) return 'refused';
      return m[1] && cents !== 0 ? -cents : cents; // no negative zero
    };
    const attempt = (text: string) => {
      try {
        return centsFromDecimal(text);
      } catch {
        return 'refused';
      }
    };
    const decimalish = fc.stringMatching(/^ ?-?[0-9]{0,18}(\.[0-9]{0,3})?[a ]?$/);
    fc.assert(
      fc.property(fc.oneof(decimalish, fc.string()), (text) => {
        expect(attempt(text)).toBe(reference(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses what is not a plain decimal', () => {
    expect(() => centsFromDecimal('1.234')).toThrow(/not a decimal/);
    expect(() => centsFromDecimal('12abc')).toThrow(/not a decimal/);
  });

  it('round-trips every whole number of cents exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (cents) => {
        expect(centsFromDecimal(decimalFromCents(cents))).toBe(cents);
      }),
    );
  });

  it('formats for people', () => {
    expect(formatMoney(4_820_000)).toBe('$48,200.00');
    expect(formatMoney(-1205, 'EUR')).toBe('-€12.05');
    expect(formatMoneyShort(4_820_000)).toBe('$48k');
    expect(formatMoneyShort(550_000)).toBe('$5.5k');
    expect(formatMoneyShort(123_456_789)).toBe('$1.2M');
  });

  it.each([
    [0, '$0.00'],
    [99, '$0.99'],
    [100_000, '$1,000.00'],
    [99_999_999, '$999,999.99'],
    [123_456_789, '$1,234,567.89'],
  ])('groups the thousands of %d cents as %s', (cents, text) => {
    expect(formatMoney(cents)).toBe(text);
  });

  it('groups thousands as the en-US number format does', () => {
    const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (cents) => {
        expect(formatMoney(cents)).toBe(usd.format(cents / 100));
      }),
    );
  });
});
