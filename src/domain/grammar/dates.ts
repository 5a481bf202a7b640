// Dates as collectors say them, resolved against "today" in the actor's time zone (the caller
// computes it with todayIn(zone, now)). A year-less date means its next occurrence — or, for a
// payment already made, its last one. M/D or D/M comes from the workspace setting.
import { lastDayOfMonth } from 'date-fns';
import { addDays, addMonths, type IsoDate, isIsoDate, weekday } from '../calendar.ts';
import { ownEntry } from '../own-entry.ts';
import { fail, ok, type Result } from '../result.ts';

export type DateOrder = 'MDY' | 'DMY';

export interface DateContext {
  today: IsoDate;
  order: DateOrder;
  /** 'future' for promises and callbacks, 'past' for payments already made. */
  direction: 'future' | 'past';
}

export interface DateMatch {
  date: IsoDate;
  /** How many tokens the date took. */
  used: number;
}

export interface DateError {
  code: 'bad_date';
  message: string;
}

const MONTHS: Record<string, number> = {};
for (const [i, names] of [
  ['january', 'jan'],
  ['february', 'feb'],
  ['march', 'mar'],
  ['april', 'apr'],
  ['may'],
  ['june', 'jun'],
  ['july', 'jul'],
  ['august', 'aug'],
  ['september', 'sep', 'sept'],
  ['october', 'oct'],
  ['november', 'nov'],
  ['december', 'dec'],
].entries()) {
  for (const name of names) MONTHS[name] = i + 1;
}

const WEEKDAYS: Record<string, number> = {
  sun: 0,
  sunday: 0,
  mon: 1,
  monday: 1,
  tue: 2,
  tues: 2,
  tuesday: 2,
  wed: 3,
  weds: 3,
  wednesday: 3,
  thu: 4,
  thur: 4,
  thurs: 4,
  thursday: 4,
  fri: 5,
  friday: 5,
  sat: 6,
  saturday: 6,
};

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const yearOf = (date: IsoDate) => Number(date.slice(0, 4));
const monthName = (m: number) => Object.keys(MONTHS).find((k) => MONTHS[k] === m && k.length > 3) ?? 'may';

function badDate(text: string, why = 'is not a date'): { ok: false; error: DateError } {
  return fail({ code: 'bad_date', message: `'${text}' ${why}` });
}

/** Month and day without a year: the next (or, looking back, the last) time it comes round. */
function resolveYearless(
  month: number,
  day: number,
  ctx: DateContext,
  text: string,
): Result<IsoDate, DateError> {
  if (month < 1 || month > 12) return badDate(text, 'has no such month');
  const step = ctx.direction === 'future' ? 1 : -1;
  let year = yearOf(ctx.today);
  for (let tries = 0; tries < 9; tries++, year += step) {
    const date = iso(year, month, day);
    if (!isIsoDate(date)) continue; // 29 Feb outside a leap year
    if (ctx.direction === 'future' ? date >= ctx.today : date <= ctx.today) return ok(date);
  }
  return badDate(text, `is not a day of ${monthName(month)}`);
}

function withYear(y: number, month: number, day: number, text: string): Result<IsoDate, DateError> {
  const year = y < 100 ? 2000 + y : y;
  const date = iso(year, month, day);
  if (month < 1 || month > 12) return badDate(text, 'has no such month');
  return isIsoDate(date) ? ok(date) : badDate(text, `is not a day of ${monthName(month)} ${year}`);
}

const DAY = /^(\d{1,2})(?:st|nd|rd|th)?$/;
const YEAR = /^(\d{4}|'\d{2})$/;

/** The weekday `dow` after today (future) or before it (past), never today itself. */
function nextWeekday(today: IsoDate, dow: number, direction: 'future' | 'past'): IsoDate {
  const diff = (dow - weekday(today) + 7) % 7;
  if (direction === 'future') return addDays(today, diff === 0 ? 7 : diff);
  const back = (weekday(today) - dow + 7) % 7;
  return addDays(today, -(back === 0 ? 7 : back));
}

function endOfMonth(today: IsoDate): IsoDate {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return iso(y, m, lastDayOfMonth(new Date(y, m - 1, 1)).getDate());
}

const UNITS: Record<string, 'day' | 'week' | 'month'> = {
  day: 'day',
  days: 'day',
  d: 'day',
  week: 'week',
  weeks: 'week',
  wk: 'week',
  wks: 'week',
  w: 'week',
  month: 'month',
  months: 'month',
  mo: 'month',
  mos: 'month',
};

function shift(today: IsoDate, n: number, unit: 'day' | 'week' | 'month'): IsoDate {
  if (unit === 'month') return addMonths(today, n);
  return addDays(today, unit === 'week' ? 7 * n : n);
}

/**
 * A date starting at tokens[i] (normalised tokens): what it is and how many tokens it took; null
 * when no date starts there; an error when it looks like a date that does not exist (2/30).
 */
export function parseDateAt(
  tokens: readonly string[],
  i: number,
  ctx: DateContext,
): Result<DateMatch, DateError> | null {
  const t = tokens[i];
  if (t === undefined) return null;
  const next = tokens[i + 1];
  const found = (date: IsoDate, used: number) => ok({ date, used });
  const check = (r: Result<IsoDate, DateError>, used: number) => (r.ok ? found(r.value, used) : r);

  if (t === 'today' || t === 'tdy' || t === 'tonight') return found(ctx.today, 1);
  if (t === 'tomorrow' || t === 'tmrw' || t === 'tmr' || t === 'tomorow' || t === 'tommorow')
    return found(addDays(ctx.today, 1), 1);
  if (t === 'yesterday' || t === 'yday' || t === 'yest') return found(addDays(ctx.today, -1), 1);
  if (t === 'eom') return found(endOfMonth(ctx.today), 1);
  if (t === 'eow') return found(nextWeekdayInclusive(ctx.today, 5), 1);
  if (t === 'end' && next === 'of' && (tokens[i + 2] === 'month' || tokens[i + 2] === 'the')) {
    const used = tokens[i + 2] === 'the' && tokens[i + 3] === 'month' ? 4 : 3;
    if (used === 3 && tokens[i + 2] !== 'month') return null;
    return found(endOfMonth(ctx.today), used);
  }
  if (t === 'end' && next === 'of' && tokens[i + 2] === 'week')
    return found(nextWeekdayInclusive(ctx.today, 5), 3);

  const dayOfWeek = ownEntry(WEEKDAYS, t);
  if (dayOfWeek !== undefined) return found(nextWeekday(ctx.today, dayOfWeek, ctx.direction), 1);
  const nextDay = next === undefined ? undefined : ownEntry(WEEKDAYS, next);
  if ((t === 'this' || t === 'on') && nextDay !== undefined)
    return found(nextWeekday(ctx.today, nextDay, ctx.direction), 2);
  if (t === 'last' && nextDay !== undefined) return found(nextWeekday(ctx.today, nextDay, 'past'), 2);
  if (t === 'next' && nextDay !== undefined) {
    // "next friday" is the Friday of next week (Monday-based), as most people mean it.
    const monday = addDays(ctx.today, 7 - ((weekday(ctx.today) + 6) % 7));
    return found(addDays(monday, (nextDay + 6) % 7), 2);
  }
  if (t === 'next' && next === 'week')
    return found(addDays(ctx.today, 7 - ((weekday(ctx.today) + 6) % 7)), 2);
  if (t === 'next' && next === 'month') return found(addMonths(ctx.today, 1).slice(0, 8) + '01', 2);

  // in 3 days / in a week / in 2 wks; 3 days ago
  if (t === 'in' && next !== undefined) {
    const n =
      next === 'a' || next === 'an' || next === 'one' ? 1 : /^\d{1,3}$/.test(next) ? Number(next) : null;
    const unit = ownEntry(UNITS, tokens[i + 2] ?? '');
    if (n !== null && unit) return found(shift(ctx.today, n, unit), 3);
    const glued = /^(\d{1,3})(days?|d|weeks?|wks?|w|months?|mos?)$/.exec(next);
    if (glued) return found(shift(ctx.today, Number(glued[1]), UNITS[glued[2]!]!), 2);
  }
  const agoUnit = next === undefined ? undefined : ownEntry(UNITS, next);
  if (/^\d{1,3}$/.test(t) && agoUnit && tokens[i + 2] === 'ago')
    return found(shift(ctx.today, -Number(t), agoUnit), 3);

  // 2027-05-30
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return check(withYear(Number(m[1]), Number(m[2]), Number(m[3]), t), 1);

  // 5/30, 5/30/27, 30/5/2027 (order from the setting)
  m = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{2}|\d{4}))?$/.exec(t);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    const [month, day] = ctx.order === 'MDY' ? [a, b] : [b, a];
    if (m[3] !== undefined) return check(withYear(Number(m[3]), month, day, t), 1);
    return check(resolveYearless(month, day, ctx, t), 1);
  }

  // May 30, May 30th, May 30 2027, May 30, 2027
  const monthOfT = ownEntry(MONTHS, t);
  if (monthOfT !== undefined && next !== undefined && DAY.test(next)) {
    const day = Number(DAY.exec(next)![1]);
    const y = tokens[i + 2];
    if (y !== undefined && YEAR.test(y))
      return check(withYear(Number(y.replace("'", '')), monthOfT, day, `${t} ${next} ${y}`), 3);
    return check(resolveYearless(monthOfT, day, ctx, `${t} ${next}`), 2);
  }
  // 30 May, 30th May 2027, 30 of May
  if (DAY.test(t)) {
    const ofUsed = next === 'of' ? 1 : 0;
    const month = tokens[i + 1 + ofUsed];
    const monthNo = month === undefined ? undefined : ownEntry(MONTHS, month);
    if (monthNo !== undefined) {
      const day = Number(DAY.exec(t)![1]);
      const y = tokens[i + 2 + ofUsed];
      if (y !== undefined && YEAR.test(y))
        return check(withYear(Number(y.replace("'", '')), monthNo, day, `${t} ${month} ${y}`), 3 + ofUsed);
      return check(resolveYearless(monthNo, day, ctx, `${t} ${month}`), 2 + ofUsed);
    }
  }
  // the 30th: the next (or last) time the month reaches that day
  if (t === 'the' && next !== undefined && /^\d{1,2}(st|nd|rd|th)$/.test(next)) {
    const day = Number(/^\d+/.exec(next)![0]);
    if (day < 1 || day > 31) return badDate(next, 'is not a day of the month');
    let month = ctx.today.slice(0, 8);
    for (let k = 0; k < 3; k++) {
      const date = `${month}${pad(day)}`;
      if (isIsoDate(date) && (ctx.direction === 'future' ? date >= ctx.today : date <= ctx.today))
        return found(date, 2);
      month = addMonths(`${month}01`, ctx.direction === 'future' ? 1 : -1).slice(0, 8);
    }
    return badDate(next, 'is not a day of the month');
  }
  return null;
}

function nextWeekdayInclusive(today: IsoDate, dow: number): IsoDate {
  return addDays(today, (dow - weekday(today) + 7) % 7);
}

export interface TimeMatch {
  /** 24-hour 'HH:MM'. */
  time: string;
  used: number;
}

/** A time of day at tokens[i]: 2pm, 2:30 pm, 14:00, at 10am, noon, morning, afternoon. */
export function parseTimeAt(tokens: readonly string[], i: number): TimeMatch | null {
  let at = 0;
  if (tokens[i] === 'at' || tokens[i] === '@') at = 1;
  const t = tokens[i + at];
  if (t === undefined) return null;
  const named: Record<string, string> = {
    noon: '12:00',
    midday: '12:00',
    morning: '09:00',
    am: '09:00',
    afternoon: '14:00',
    pm: '14:00',
    eod: '17:00',
  };
  const time = ownEntry(named, t);
  if (time !== undefined && (at === 1 || t !== 'am')) return { time, used: at + 1 };
  const joined = tokens[i + at + 1] === 'am' || tokens[i + at + 1] === 'pm' ? `${t}${tokens[i + at + 1]}` : t;
  const m = /^(\d{1,2})(?::(\d{2}))?(am|pm|a|p)?$/.exec(joined);
  if (!m || (!m[2] && !m[3] && at === 0)) return null;
  let h = Number(m[1]);
  const min = Number(m[2] ?? 0);
  if (m[3]?.startsWith('p') && h < 12) h += 12;
  if (m[3]?.startsWith('a') && h === 12) h = 0;
  if (h > 23 || min > 59) return null;
  return { time: `${pad(h)}:${pad(min)}`, used: at + (joined === t ? 1 : 2) };
}
