// Whole days between ISO dates for the engine's hot path: tens of thousands of accounts share a
// few thousand distinct dates, so each date is parsed once (a bounded memo; still a pure function).
import { dayNumber, type IsoDate } from '../calendar.ts';

const memo = new Map<IsoDate, number>();

function day(date: IsoDate): number {
  let n = memo.get(date);
  if (n === undefined) {
    if (memo.size >= 20_000) memo.clear();
    n = dayNumber(date);
    memo.set(date, n);
  }
  return n;
}

/** Days from `from` to `to` (positive when `to` is later), like calendar.daysBetween. */
export function daysFrom(from: IsoDate, to: IsoDate): number {
  return day(to) - day(from);
}
