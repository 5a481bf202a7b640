// Amounts as ERPs and spreadsheets write them — `1234.56`, `1,234.56`, `$1,234.56`, `1.234,56`,
// `(1,234.56)`, `1234.56-` — to integer cents. The locale decides which mark is the decimal one,
// so `1.234` is never silently read as 1234 or as 1.23.

import { plainCents } from '../domain/money.ts';
import { quoted } from '../domain/safe-text.ts';

export interface NumberMarks {
  decimal: string;
  group: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const marksCache = new Map<string, NumberMarks>();

/** The decimal and grouping marks of a BCP 47 locale ('en-US' → '.' and ','; 'de' → ',' and '.'). */
export function numberMarks(locale: string): NumberMarks {
  let marks = marksCache.get(locale);
  if (!marks) {
    const parts = new Intl.NumberFormat(locale).formatToParts(1234567.5);
    const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
    const rawGroup = parts.find((p) => p.type === 'group')?.value ?? (decimal === '.' ? ',' : '.');
    // French and others group with (narrow) no-break spaces; any space counts then.
    const group = /\s/.test(rawGroup) ? ' ' : rawGroup;
    marks = { decimal, group };
    marksCache.set(locale, marks);
  }
  return marks;
}

const CURRENCY = /^(?:[A-Z]{3}|[$€£¥]|CA\$|A\$|US\$)/;
const CURRENCY_END = /(?:[A-Z]{3}|[$€£¥])$/;
const MAX_CENTS = 99_999_999_999_999; // NUMERIC(14,2)

/**
 * The cents of a plain amount `-?\d{1,12}(\.\d{1,2})?` that fits NUMERIC(14,2), or NaN for anything
 * else (most exports write every amount so: the fast path before the locale-aware parse).
 */
export function plainMoneyCents(text: string): number {
  const cents = plainCents(text);
  return cents !== undefined && Math.abs(cents) <= MAX_CENTS ? cents : Number.NaN;
}

/**
 * Parses an amount with at most `places` decimal places into an integer count of the smallest
 * unit (cents for places = 2). Extra zero decimals (`12.5000`) are accepted, others are refused.
 */
export function parseDecimal(text: string, marks: NumberMarks, places = 2, max = MAX_CENTS): Parsed<number> {
  // Fast path for the plain `-1234.56` most exports use.
  const plain = places === 2 && marks.decimal === '.' ? plainMoneyCents(text) : Number.NaN;
  if (Math.abs(plain) <= max) return { ok: true, value: plain };
  let s = text.trim();
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  if (s.endsWith('-')) {
    negative = !negative;
    s = s.slice(0, -1).trim();
  }
  if (s.startsWith('-') || s.startsWith('−')) {
    negative = !negative;
    s = s.slice(1).trim();
  }
  s = s.replace(CURRENCY, '').replace(CURRENCY_END, '').trim();
  if (s.startsWith('-')) {
    negative = !negative; // $-12.00
    s = s.slice(1);
  }
  if (s.startsWith('+')) s = s.slice(1);
  if (marks.group === ' ') s = s.replace(/[\s\u00a0\u202f]/g, ' ');
  const fail = (): Parsed<number> => ({ ok: false, reason: notANumber(text, marks) });
  const decimalAt = s.lastIndexOf(marks.decimal);
  const whole = decimalAt < 0 ? s : s.slice(0, decimalAt);
  let fraction = decimalAt < 0 ? '' : s.slice(decimalAt + 1);
  if (!/^\d*$/.test(fraction) || (whole === '' && fraction === '')) return fail();
  let digits = whole;
  if (whole.includes(marks.group)) {
    const groups = whole.split(marks.group);
    if (!/^\d{1,3}$/.test(groups[0]!) || groups.slice(1).some((g) => !/^\d{3}$/.test(g))) return fail();
    digits = groups.join('');
  }
  if (!/^\d*$/.test(digits)) return fail();
  fraction = fraction.replace(/0+$/, '');
  if (fraction.length > places)
    return { ok: false, reason: `has more than ${places} decimal places: ${quoted(text)}` };
  const scaled = Number(digits || '0') * 10 ** places + Number(fraction.padEnd(places, '0') || '0');
  if (!Number.isSafeInteger(scaled) || scaled > max)
    return { ok: false, reason: `is too large: ${quoted(text)}` };
  return { ok: true, value: negative && scaled !== 0 ? -scaled : scaled };
}

function notANumber(text: string, marks: NumberMarks): string {
  const hint =
    marks.decimal === '.'
      ? 'write 1234.56 or 1,234.56 (for 1.234,56 pass --locale de)'
      : `write 1234${marks.decimal}56 or 1${marks.group === ' ' ? ' ' : marks.group}234${marks.decimal}56 (for 1,234.56 pass --locale en)`;
  return `is not an amount: ${quoted(text)}; ${hint}`;
}
