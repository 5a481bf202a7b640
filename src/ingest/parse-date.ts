// Calendar dates from export files: ISO (`2027-05-28`, also with a time part, which is dropped)
// always, and one layout given with --date-format (`DD/MM/YYYY`, `MM/DD/YY`, `D.M.YYYY`,
// `DD-MMM-YYYY`, `YYYYMMDD`…). A date that does not exist (31/02) is refused, never rolled over.

import { isIsoDate } from '../domain/calendar.ts';
import { quoted } from '../domain/safe-text.ts';
import type { Parsed } from './parse-money.ts';

export type DateParser = (text: string) => Parsed<string>;

const ISO = /^(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const TOKENS: Record<string, { pattern: string; part: 'y' | 'yy' | 'm' | 'mon' | 'd' }> = {
  YYYY: { pattern: '(\\d{4})', part: 'y' },
  YY: { pattern: '(\\d{2})', part: 'yy' },
  MMM: { pattern: '([A-Za-z]{3})', part: 'mon' },
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
    return `--date-format ${quoted(format)} must contain a year (YYYY or YY), a month (MM, M or MMM) and a day (DD or D), e.g. DD/MM/YYYY`;
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
  return { regex: new RegExp(`^${source}$`), parts };
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

export function dateParser(format?: string): DateParser {
  const layout = format ? compile(format) : null;
  const expected = format ? `YYYY-MM-DD or ${format}` : 'YYYY-MM-DD (or pass --date-format, e.g. DD/MM/YYYY)';
  const refuse = (text: string): Parsed<string> => ({
    ok: false,
    reason: `is not a date: ${quoted(text)}; expected ${expected}`,
  });
  return (raw) => {
    if (isPlainIsoDay(raw)) return { ok: true, value: raw };
    const text = raw.trim();
    const iso = ISO.exec(text);
    if (iso) return isIsoDate(iso[1]!) ? { ok: true, value: iso[1]! } : refuse(raw);
    if (!layout) return refuse(raw);
    const m = layout.regex.exec(text);
    if (!m) return refuse(raw);
    let y = '';
    let mo = '';
    let d = '';
    layout.parts.forEach((part, i) => {
      const v = m[i + 1]!;
      if (part === 'y') y = v;
      else if (part === 'yy')
        y = `20${v}`; // ERP exports with 2-digit years are this century's
      else if (part === 'm') mo = v.padStart(2, '0');
      else if (part === 'mon') mo = String(MONTHS.indexOf(v.toLowerCase()) + 1).padStart(2, '0');
      else d = v.padStart(2, '0');
    });
    const value = `${y}-${mo}-${d}`;
    return isIsoDate(value) ? { ok: true, value } : refuse(raw);
  };
}
