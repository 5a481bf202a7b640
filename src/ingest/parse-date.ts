// Calendar dates from export files: ISO (`2027-05-28`, also with a time part, which is dropped)
// always, one layout given with --date-format (`DD/MM/YYYY`, `MM/DD/YY`, `D.M.YYYY`,
// `DD-MMM-YYYY`, `YYYYMMDD`…), and dates that spell the month (`3 Mar 2026`, `3. März 2026`,
// `Mar 3, 2026`) in the import locale or English. A two-digit year is put in the century that
// makes it at most `futureYears` ahead of this year (docs/import.md). A date that does not exist
// (31/02) is refused, never rolled over.

import { isIsoDate } from '../domain/calendar.ts';
import { quoted } from '../domain/safe-text.ts';
import type { Parsed } from './parse-money.ts';

export type DateParser = (text: string) => Parsed<string>;

const ISO = /^(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;

export interface DateOptions {
  /** BCP 47 locale whose month names are read (English ones always are). Default en-US. */
  locale?: string | undefined;
  /** The latest year a two-digit year may mean (default: this year + 10). */
  latestYear?: number | undefined;
  /** A bare year (`1985`, `85`) is read as January 1 of that year (e.g. established_on). */
  bareYear?: boolean | undefined;
}

/** The full year a two-digit year means: the one in (latestYear − 100, latestYear]. */
export function fullYear(twoDigits: number, latestYear: number): number {
  return latestYear - (((latestYear % 100) - twoDigits + 100) % 100);
}

const monthCache = new Map<string, (word: string) => number | undefined>();
const monthKey = (word: string) => word.normalize('NFC').toLowerCase().replace(/\.$/, '');

/**
 * Reads a month name of `locale` or English → 1–12: the long and short names, and any three or
 * more first letters of a long name that only one month starts with (`Sept`, `Mär`, `Okt`).
 */
export function monthNames(locale: string): (word: string) => number | undefined {
  let lookup = monthCache.get(locale);
  if (lookup) return lookup;
  const names = new Map<string, number>();
  const long: [string, number][] = [];
  // English first, so the locale's own names win where the two differ.
  for (const lang of ['en-US', locale]) {
    for (let m = 0; m < 12; m++) {
      const day = new Date(Date.UTC(2000, m, 15));
      for (const month of ['long', 'short'] as const) {
        const word = monthKey(new Intl.DateTimeFormat(lang, { month, timeZone: 'UTC' }).format(day));
        names.set(word, m + 1);
        if (month === 'long') long.push([word, m + 1]);
      }
    }
  }
  lookup = (word) => {
    const key = monthKey(word);
    const exact = names.get(key);
    if (exact !== undefined || key.length < 3) return exact;
    const months = new Set(long.filter(([name]) => name.startsWith(key)).map(([, m]) => m));
    return months.size === 1 ? [...months][0] : undefined;
  };
  monthCache.set(locale, lookup);
  return lookup;
}

const TOKENS: Record<string, { pattern: string; part: 'y' | 'yy' | 'm' | 'mon' | 'd' }> = {
  YYYY: { pattern: '(\\d{4})', part: 'y' },
  YY: { pattern: '(\\d{2})', part: 'yy' },
  MMMM: { pattern: '(\\p{L}+\\.?)', part: 'mon' },
  MMM: { pattern: '(\\p{L}+\\.?)', part: 'mon' },
  MM: { pattern: '(\\d{2})', part: 'm' },
  M: { pattern: '(\\d{1,2})', part: 'm' },
  DD: { pattern: '(\\d{2})', part: 'd' },
  D: { pattern: '(\\d{1,2})', part: 'd' },
};

/** Checks a --date-format layout; returns why it is unusable, or null. */
export function checkDateFormat(format: string): string | null {
  const parts = compile(format).parts;
  const has = (p: string) => parts.includes(p as never);
  if (!(has('y') || has('yy')) || !(has('m') || has('mon')) || !has('d'))
    return `--date-format ${quoted(format)} must contain a year (YYYY or YY), a month (MM, M, MMM or MMMM) and a day (DD or D), e.g. DD/MM/YYYY`;
  return null;
}

function compile(format: string): { regex: RegExp; parts: string[] } {
  // date-fns style (dd/MM/yyyy) means the same here.
  const upper = format.replace(/[yd]/g, (c) => c.toUpperCase());
  const parts: string[] = [];
  let source = '';
  for (let i = 0; i < upper.length; ) {
    const token = Object.keys(TOKENS).find((t) => upper.startsWith(t, i));
    if (token) {
      const spec = TOKENS[token]!;
      source += spec.pattern;
      parts.push(spec.part);
      i += token.length;
    } else {
      source += upper[i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      i += 1;
    }
  }
  return { regex: new RegExp(`^${source}$`, 'u'), parts };
}

const digitsAt = (text: string, at: number, count: number): number => {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
};

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Whether `text` is exactly `YYYY-MM-DD` of a day that exists, years 1000–9999 — the dates of
 * nearly every export — checked by arithmetic on character codes: no regex, no allocation.
 */
export function isPlainIsoDay(text: string): boolean {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  const y = digitsAt(text, 0, 4);
  const m = digitsAt(text, 5, 2);
  const d = digitsAt(text, 8, 2);
  if (y < 1000 || m < 1 || m > 12 || d < 1) return false;
  const leap = m === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= DAYS_IN_MONTH[m - 1]! + (leap ? 1 : 0);
}

/**
 * A date that names its month, in any order of day and year around it (`3 Mar 2026`,
 * `3. März 2026`, `March 3, 2026`, `3-Mar-26`): one word and two numbers; the four-digit number,
 * else the last one, is the year. Unambiguous, so it needs no --date-format.
 */
function spelledDate(
  text: string,
  month: (word: string) => number | undefined,
  latestYear: number,
): string | null {
  const parts = text.split(/[\s,./-]+/).filter(Boolean);
  if (parts.length !== 3) return null;
  const word = parts.findIndex((p) => !/^\d+$/.test(p));
  const m = word < 0 ? undefined : month(parts[word]!);
  if (m === undefined) return null;
  const numbers = parts.filter((_, i) => i !== word);
  if (!numbers.every((n) => /^\d{1,4}$/.test(n))) return null;
  const four = numbers.findIndex((n) => n.length === 4);
  const yearAt = four >= 0 ? four : 1;
  const year = numbers[yearAt]!;
  const day = numbers[1 - yearAt]!;
  if (day.length > 2 || (year.length !== 4 && year.length !== 2)) return null;
  const y = year.length === 4 ? year : String(fullYear(Number(year), latestYear));
  return `${y}-${String(m).padStart(2, '0')}-${day.padStart(2, '0')}`;
}

export function dateParser(format?: string, options: DateOptions = {}): DateParser {
  const layout = format ? compile(format) : null;
  const month = monthNames(options.locale ?? 'en-US');
  const latestYear = options.latestYear ?? new Date().getUTCFullYear() + 10;
  const expected = format
    ? `YYYY-MM-DD or ${format}`
    : 'YYYY-MM-DD or 3 Mar 2027 (or pass --date-format, e.g. DD/MM/YYYY)';
  const refuse = (text: string): Parsed<string> => ({
    ok: false,
    reason: `is not a date: ${quoted(text)}; expected ${expected}${options.bareYear ? ' or a year' : ''}`,
  });
  const checked = (value: string | null, raw: string): Parsed<string> =>
    value && isIsoDate(value) ? { ok: true, value } : refuse(raw);
  return (raw) => {
    if (isPlainIsoDay(raw)) return { ok: true, value: raw };
    const text = raw.trim();
    const iso = ISO.exec(text);
    if (iso) return checked(iso[1]!, raw);
    if (options.bareYear && /^(\d{2}|\d{4})$/.test(text)) {
      const year = text.length === 4 ? text : String(fullYear(Number(text), latestYear));
      return checked(`${year}-01-01`, raw);
    }
    const m = layout?.regex.exec(text);
    if (!layout || !m) return checked(spelledDate(text, month, latestYear), raw);
    let y = '';
    let mo = '';
    let d = '';
    layout.parts.forEach((part, i) => {
      const v = m[i + 1]!;
      if (part === 'y') y = v;
      else if (part === 'yy') y = String(fullYear(Number(v), latestYear));
      else if (part === 'm') mo = v.padStart(2, '0');
      else if (part === 'mon') mo = String(month(v) ?? 0).padStart(2, '0');
      else d = v.padStart(2, '0');
    });
    return checked(`${y}-${mo}-${d}`, raw);
  };
}
