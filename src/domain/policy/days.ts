// Whole days and ISO dates for the engine's hot path: tens of thousands of accounts share a few
// thousand distinct dates, so each is converted once (bounded memos; still pure functions).
import { dayNumber, fromDayNumber, type IsoDate } from '../calendar.ts';

/** `convert` remembered for up to `bound` distinct inputs (then forgotten all at once). */
function memoized<K, V>(convert: (key: K) => V, bound: number): (key: K) => V {
  const memo = new Map<K, V>();
  return (key) => {
    let value = memo.get(key);
    if (value === undefined) {
      if (memo.size >= bound) memo.clear();
      value = convert(key);
      memo.set(key, value);
    }
    return value;
  };
}

const day = memoized(dayNumber, 20_000);

/** Days since 1970-01-01 → 'YYYY-MM-DD', like calendar.fromDayNumber. */
export const isoOfDayNumber = memoized(fromDayNumber, 20_000);

/** Days from `from` to `to` (positive when `to` is later), like calendar.daysBetween. */
export function daysFrom(from: IsoDate, to: IsoDate): number {
  return day(to) - day(from);
}
