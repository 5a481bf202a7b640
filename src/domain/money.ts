// Money as integer cents (exact in a JavaScript number up to ±90 trillion dollars) and as the
// decimal strings Postgres NUMERIC speaks. Never a fractional binary float.
import { ownEntry } from './own-entry.ts';

export type Cents = number;

const DECIMAL = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;

/** '1234.5' → 123450. Throws on anything that is not a plain decimal with at most 2 places. */
export function centsFromDecimal(text: string): Cents {
  return plainCents(text) ?? parsedCents(text);
}

const ZERO = 48;
const DOT = 46;
const MINUS = 45;

/**
 * A plain amount `-?\d{1,13}(\.\d{1,2})?` — the form Postgres prints a NUMERIC(14,2) in and most
 * exports write — read digit by digit without a regular expression or an allocation (an alert scan
 * reads some 100,000 amounts, an import millions); undefined for anything else.
 */
export function plainCents(text: string): Cents | undefined {
  const n = text.length;
  let i = text.charCodeAt(0) === MINUS ? 1 : 0;
  const start = i;
  let whole = 0;
  for (; i < n; i++) {
    const d = text.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) break;
    whole = whole * 10 + d;
  }
  // Up to 13 whole digits stay a safe integer in cents; longer amounts take the checked path.
  if (i === start || i - start > 13) return undefined;
  let fraction = 0;
  if (i < n) {
    if (text.charCodeAt(i) !== DOT || n - i - 1 < 1 || n - i - 1 > 2) return undefined;
    for (let k = i + 1; k < n; k++) {
      const d = text.charCodeAt(k) - ZERO;
      if (d < 0 || d > 9) return undefined;
      fraction = fraction * 10 + d;
    }
    if (n - i - 1 === 1) fraction *= 10;
  }
  const cents = whole * 100 + fraction;
  return start && cents !== 0 ? -cents : cents;
}

function parsedCents(text: string): Cents {
  const m = DECIMAL.exec(text.trim());
  if (!m) throw new RangeError(`not a decimal amount: ${JSON.stringify(text)}`);
  const cents = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) throw new RangeError(`amount out of range: ${text}`);
  return m[1] && cents !== 0 ? -cents : cents;
}

/** 123450 → '1234.50' (for NUMERIC columns and JSON). */
export function decimalFromCents(cents: Cents): string {
  assertCents(cents);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export function assertCents(cents: Cents): void {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`not a whole number of cents: ${cents}`);
}

const SYMBOLS: Record<string, string> = { USD: '$', CAD: 'CA$', EUR: '€', GBP: '£', AUD: 'A$' };

/** Whether `currency` has a symbol of its own here (the ones en-US writes the same way). */
export const hasSymbol = (currency: string): boolean => Object.hasOwn(SYMBOLS, currency);

/** 123450 → '$1,234.50'. */
export function formatMoney(cents: Cents, currency = 'USD'): string {
  assertCents(cents);
  const abs = Math.abs(cents);
  const symbol = ownEntry(SYMBOLS, currency) ?? `${currency} `;
  return `${cents < 0 ? '-' : ''}${symbol}${grouped(Math.trunc(abs / 100))}.${String(abs % 100).padStart(2, '0')}`;
}

/** 4_820_049 → '$48,200': rounded to whole units, half away from zero (reasons, summaries). */
export function formatMoneyWhole(cents: Cents, currency = 'USD'): string {
  const units = Math.round(Math.abs(cents) / 100);
  const symbol = ownEntry(SYMBOLS, currency) ?? `${currency} `;
  return `${cents < 0 ? '-' : ''}${symbol}${grouped(units)}`;
}

/** 1234567 → '1,234,567'; a loop, as a day's plan and the alert scans format thousands of amounts. */
function grouped(units: number): string {
  const whole = String(units);
  let out = whole.slice(0, whole.length % 3 || 3);
  for (let i = out.length; i < whole.length; i += 3) out += `,${whole.slice(i, i + 3)}`;
  return out;
}

/** 4_820_000 → '$48.2k', for tight spaces such as sheet rows. */
export function formatMoneyShort(cents: Cents, currency = 'USD'): string {
  const symbol = ownEntry(SYMBOLS, currency) ?? `${currency} `;
  const dollars = Math.abs(cents) / 100;
  const sign = cents < 0 ? '-' : '';
  if (dollars >= 1_000_000) return `${sign}${symbol}${(dollars / 1_000_000).toFixed(1)}M`;
  if (dollars >= 10_000) return `${sign}${symbol}${Math.round(dollars / 1000)}k`;
  if (dollars >= 1_000) return `${sign}${symbol}${(dollars / 1000).toFixed(1)}k`;
  return `${sign}${symbol}${Math.round(dollars)}`;
}
