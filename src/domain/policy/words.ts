// Small wording helpers for reasons and actions: whole money, short dates, plurals.
import type { IsoDate } from '../calendar.ts';
import type { Cents } from '../money.ts';
import { type MoneyDisplay, moneyText } from '../money-text.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * Base-currency cents in the company's currency and locale, rounded to whole units (reasons are for
 * reading, not booking): 4_820_049 → '$48,200' (en-US, USD), '48.200 €' (de-DE, EUR).
 */
export function wholeMoney(cents: Cents, display: MoneyDisplay): string {
  return moneyText(cents, display.base, display.locale, 'whole');
}

/** '2027-05-16' → 'May 16'. */
export function shortDate(date: IsoDate): string {
  // Sliced, not split: a day's plan writes a date into tens of thousands of labels.
  return `${MONTHS[Number(date.slice(5, 7)) - 1]} ${Number(date.slice(8, 10))}`;
}

/** '2027-03-04' → 'March' (or 'March 2026' when not in the year of `asOf`). */
export function monthName(date: IsoDate, asOf: IsoDate): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const name = MONTH_NAMES[m - 1]!;
  return asOf.startsWith(String(y)) ? name : `${name} ${y}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
