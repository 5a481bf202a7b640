// When the bot speaks first: the `schedule` settings group (defaults in code, stored per company).
import { z } from 'zod';
import { daysSincePrevious, type IsoDate, isIsoDate, weekday } from '../domain/calendar.ts';
import { defineSettings } from '../store/settings.ts';

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day like 08:00');

export const scheduleSchema = z.object({
  /** Each collector's sheet (and a manager's summary) at this local time, in their own zone. */
  digestTime: clockTime.default('08:00'),
  /** 0 = Sunday … 6 = Saturday. */
  businessDays: z.array(z.number().int().min(0).max(6)).default([1, 2, 3, 4, 5]),
  /** Days without digests, e.g. ["2027-07-05", "2027-12-25"]. */
  holidays: z.array(z.string().refine(isIsoDate, 'a date like 2027-12-25')).default([]),
  /** A process started late still posts the morning's digests until this many hours after digestTime. */
  catchUpHours: z.number().min(1).max(23).default(4),
  /** The company's zone, for the jobs that are not any one collector's (promises, alert scans). */
  timeZone: z.string().default('UTC'),
  /** Promise evaluation runs daily at this time in the company's zone, before the digests. */
  promiseEvaluationTime: clockTime.default('07:00'),
  /** Alert scans run at least this often (and after every data change, e.g. an import). */
  alertScanMinutes: z.number().int().min(5).max(1440).default(60),
  /** A failed post is retried this many times in all, waiting retryBaseSeconds × 2^(attempt − 1). */
  maxAttempts: z.number().int().min(1).max(20).default(5),
  retryBaseSeconds: z.number().int().min(1).default(60),
  /** A run not finished within this many minutes is presumed dead (its process died) and retried. */
  leaseMinutes: z.number().int().min(1).default(10),
});

export type ScheduleSettings = z.output<typeof scheduleSchema>;

export const SCHEDULE_SETTINGS = defineSettings('schedule', scheduleSchema);

/** A day the morning sheets and digests go out: a business day of the week, not a holiday. */
export function isBusinessDay(
  date: IsoDate,
  s: Pick<ScheduleSettings, 'businessDays' | 'holidays'>,
): boolean {
  return s.businessDays.includes(weekday(date)) && !s.holidays.includes(date);
}

/** Days since the business day before `day` (3 on a Monday with the default week). */
export function daysSinceBusinessDay(
  day: IsoDate,
  s: Pick<ScheduleSettings, 'businessDays' | 'holidays'>,
): number {
  return daysSincePrevious(day, (d) => isBusinessDay(d, s));
}
