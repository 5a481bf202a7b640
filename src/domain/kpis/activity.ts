// Collector activity KPIs: how promises turned out and how many customers were reached per day.
import { addDays, type IsoDate, weekday } from '../calendar.ts';

/** Kept ÷ (kept + broken) × 100; open and cancelled promises do not count. Null with none due. */
export function promiseKeptRate(kept: number, broken: number): number | null {
  const due = kept + broken;
  return due > 0 ? (kept / due) * 100 : null;
}

/** Monday to Friday from `from` to `to`, both included. */
export function businessDaysBetween(from: IsoDate, to: IsoDate): number {
  let n = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const wd = weekday(d);
    if (wd !== 0 && wd !== 6) n++;
  }
  return n;
}

/** Contacts (logged call outcomes) per business day; null when the period has no business day. */
export function contactsPerDay(contacts: number, businessDays: number): number | null {
  return businessDays > 0 ? contacts / businessDays : null;
}
