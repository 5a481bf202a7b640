// Small wording helpers for reasons and actions: whole dollars, short dates, plurals.
import type { IsoDate } from '../calendar.ts';
import type { Cents } from '../money.ts';

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

/** 4_820_049 → '$48,200' (rounded to whole dollars: reasons are for reading, not booking). */
export function dollars(cents: Cents): string {
  const whole = Math.round(Math.abs(cents) / 100);
  return `${cents < 0 ? '-' : ''}$${String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}

/** '2027-05-16' → 'May 16'. */
export function shortDate(date: IsoDate): string {
  const [, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${MONTHS[m - 1]} ${d}`;
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
