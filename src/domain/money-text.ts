// Money and dates as a person reads them, in the company's locale (BCP 47, e.g. de-DE →
// 12.400,00 €), one currency at a time: amounts in different currencies are listed side by side
// (`€12,400.00 + $3,100.00`), never added. Amounts reach Intl as exact decimal strings, not floats.
import type { IsoDate } from './calendar.ts';
import {
  type Cents,
  decimalFromCents,
  formatMoney,
  formatMoneyShort,
  formatMoneyWhole,
  hasSymbol,
} from './money.ts';

/** How a company's money reads: its base currency and locale. */
export interface MoneyDisplay {
  base: string;
  locale: string;
}

export const DEFAULT_DISPLAY: MoneyDisplay = { base: 'USD', locale: 'en-US' };

export interface CurrencyAmount {
  currency: string;
  cents: Cents;
}

const DEFAULT_LOCALE = 'en-US';
const formatters = new Map<string, Intl.NumberFormat>();

/** 'full': $1,234.50 · 'whole': $1,235 · 'short': $1.2k (tight spaces such as sheet rows). */
export type MoneyStyle = 'full' | 'whole' | 'short';

const STYLE_OPTIONS: Record<MoneyStyle, Intl.NumberFormatOptions> = {
  full: {},
  whole: { minimumFractionDigits: 0, maximumFractionDigits: 0 },
  short: { notation: 'compact', maximumSignificantDigits: 3 },
};

function formatter(locale: string, currency: string, style: MoneyStyle): Intl.NumberFormat {
  const key = `${locale}|${currency}|${style}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency, ...STYLE_OPTIONS[style] });
    formatters.set(key, f);
  }
  return f;
}

// Intl formats a decimal string exactly (ECMA-402 "Intl.NumberFormat v3", Node ≥ 19).
const exact = (cents: Cents) => decimalFromCents(cents) as unknown as number;

/** 123450 → '$1,234.50' (en-US) or '1.234,50 €' (de-DE, EUR); see MoneyStyle for the others. */
export function moneyText(
  cents: Cents,
  currency: string,
  locale = DEFAULT_LOCALE,
  style: MoneyStyle = 'full',
): string {
  // en-US keeps the hand-rolled formatters: alert scans format thousands of amounts.
  if (locale === DEFAULT_LOCALE && style === 'full') return formatMoney(cents, currency);
  // The hand-rolled whole units match Intl's for the currencies with a symbol here (tested).
  if (locale === DEFAULT_LOCALE && style === 'whole' && hasSymbol(currency))
    return formatMoneyWhole(cents, currency);
  if (locale === DEFAULT_LOCALE && style === 'short') return formatMoneyShort(cents, currency);
  return formatter(locale, currency, style).format(exact(cents));
}

/** Amounts per currency, base first then alphabetical, zeros left out: '€12,400.00 + $3,100.00'. */
export function amountsText(
  amounts: readonly CurrencyAmount[],
  display: MoneyDisplay,
  style: MoneyStyle = 'full',
): string {
  const shown = sortAmounts(amounts, display.base).filter((a) => a.cents !== 0);
  if (!shown.length) return moneyText(0, display.base, display.locale, style);
  return shown.map((a) => moneyText(a.cents, a.currency, display.locale, style)).join(' + ');
}

/**
 * A total as people need it: per currency, plus its base-currency value when more than the base
 * is in it ('€12,400.00 + $3,100.00 (= $16,492.00)'); just the amount when one currency holds it all.
 */
export function totalText(
  amounts: readonly CurrencyAmount[],
  baseCents: Cents,
  display: MoneyDisplay,
  style: MoneyStyle = 'full',
): string {
  const shown = amounts.filter((a) => a.cents !== 0);
  const first = shown[0];
  const base = moneyText(baseCents, display.base, display.locale, style);
  if (!first || (shown.length === 1 && first.currency === display.base)) return base;
  return `${amountsText(shown, display, style)} (= ${base})`;
}

function sortAmounts(amounts: readonly CurrencyAmount[], base: string): CurrencyAmount[] {
  return [...amounts].sort((a, b) =>
    a.currency === b.currency
      ? 0
      : a.currency === base
        ? -1
        : b.currency === base
          ? 1
          : a.currency < b.currency
            ? -1
            : 1,
  );
}

/** Adds amounts per currency (the same currency once). */
export function sumAmounts(lists: readonly (readonly CurrencyAmount[])[]): CurrencyAmount[] {
  const by = new Map<string, Cents>();
  for (const list of lists) for (const a of list) by.set(a.currency, (by.get(a.currency) ?? 0) + a.cents);
  return [...by].map(([currency, cents]) => ({ currency, cents }));
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/** '2027-05-28' → 'May 28, 2027' (en-US), '28.05.2027' (de-DE). */
export function dateText(day: IsoDate, locale = DEFAULT_LOCALE): string {
  let f = dateFormatters.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    dateFormatters.set(locale, f);
  }
  return f.format(new Date(`${day}T00:00:00Z`));
}
