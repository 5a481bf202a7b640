import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numberMarks, parseDecimal, plainMoneyCents } from '../../../src/ingest/parse-money.ts';

const en = numberMarks('en-US');
const de = numberMarks('de-DE');
const fr = numberMarks('fr-FR');

describe('parseDecimal', () => {
  it.each([
    ['1234.56', 123456],
    ['1,234.56', 123456],
    ['$1,234.56', 123456],
    ['-$1,234.56', -123456],
    ['$-12.00', -1200],
    ['(1,234.56)', -123456],
    ['1234.56-', -123456],
    ['USD 99.9', 9990],
    ['12.5000', 1250],
    ['0', 0],
    ['-0.00', 0],
    [' 7 ', 700],
  ])('reads %s in en-US as %i cents', (text, cents) => {
    expect(parseDecimal(text, en)).toEqual({ ok: true, value: cents });
  });

  it.each([
    ['1.234,56', 123456],
    ['-1.234,56', -123456],
    ['1234,5', 123450],
    ['€ 12,00', 1200],
  ])('reads %s in de-DE as %i cents', (text, cents) => {
    expect(parseDecimal(text, de)).toEqual({ ok: true, value: cents });
  });

  it('reads French grouping with (narrow) no-break spaces', () => {
    expect(parseDecimal('1\u202f234,56', fr)).toEqual({ ok: true, value: 123456 });
    expect(parseDecimal('1 234,56 €', fr)).toEqual({ ok: true, value: 123456 });
  });

  it.each([
    [
      '1.234,56',
      en,
      /is not an amount: "1.234,56"; write 1234.56 or 1,234.56 \(for 1.234,56 pass --locale de\)/,
    ],
    ['1234.56', de, /pass --locale en/],
    ['12,34.5', en, /is not an amount/],
    ['12.345', en, /has more than 2 decimal places/],
    ['abc', en, /is not an amount/],
    ['1e5', en, /is not an amount/],
    ['999999999999999', en, /is too large/],
  ])('refuses %s with a reason', (text, marks, reason) => {
    const result = parseDecimal(text, marks);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});

describe('plainMoneyCents', () => {
  // The regex the character scan replaces, as the reference.
  const PLAIN = /^(-?)(\d{1,12})(?:\.(\d{1,2}))?$/;
  const reference = (text: string) => {
    const m = PLAIN.exec(text);
    if (!m) return Number.NaN;
    const cents = Number(m[2]) * 100 + (m[3] ? Number(m[3].padEnd(2, '0')) : 0);
    return m[1] && cents !== 0 ? -cents : cents;
  };

  it('reads exactly the plain amounts the regex reads, to the same cents', () => {
    const text = fc.oneof(fc.string(), fc.stringMatching(/^-?\d{0,14}(\.\d{0,3})?$/));
    fc.assert(fc.property(text, (t) => Object.is(plainMoneyCents(t), reference(t))));
    expect(plainMoneyCents('-0.5')).toBe(-50);
    expect(plainMoneyCents('999999999999.99')).toBe(99_999_999_999_999);
  });
});
