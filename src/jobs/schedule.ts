// Schedule maths, pure: what "this morning" is for a collector at an instant. Everything works on
// local calendar dates and local minutes of the day in the collector's IANA zone, so a DST change
// neither skips nor repeats a morning: the period key is the local date, not an instant.
import { TZDate } from '@date-fns/tz';
import type { IsoDate } from '../domain/calendar.ts';

export interface LocalClock {
  date: IsoDate;
  /** Minutes since local midnight (0–1439), as the wall clock shows them. */
  minutes: number;
}

export function localClock(now: Date, timeZone: string): LocalClock {
  const local = new TZDate(now.getTime(), timeZone);
  const date = `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')}`;
  return { date, minutes: local.getHours() * 60 + local.getMinutes() };
}

export const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export type DailyState =
  /** Not a day this job runs. */
  | 'off'
  /** Today's time has not come yet. */
  | 'before'
  /** Time to run, including catching up after a late start. */
  | 'due'
  /** Past the catch-up cut-off: too late to be useful. */
  | 'missed';

/**
 * Where a daily job at local `at` stands for the day `now` falls on in `timeZone`. On a
 * spring-forward day a time that does not exist (02:30) is due at the first minute after it.
 */
export function dailyState(
  now: Date,
  timeZone: string,
  at: string,
  catchUpHours: number,
  runsOn: (date: IsoDate) => boolean = () => true,
): { date: IsoDate; state: DailyState } {
  const clock = localClock(now, timeZone);
  if (!runsOn(clock.date)) return { date: clock.date, state: 'off' };
  const start = minutesOf(at);
  if (clock.minutes < start) return { date: clock.date, state: 'before' };
  return { date: clock.date, state: clock.minutes < start + catchUpHours * 60 ? 'due' : 'missed' };
}

/** Wait before attempt `attempt + 1` after `attempt` failures: base × 2^(attempt − 1). */
export function retryDelayMs(attempt: number, baseSeconds: number): number {
  return baseSeconds * 1000 * 2 ** Math.max(0, attempt - 1);
}
