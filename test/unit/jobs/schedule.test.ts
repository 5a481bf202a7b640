import { describe, expect, it } from 'vitest';
import { isBusinessDay, scheduleSchema } from '../../../src/app/schedule-settings.ts';
import { dailyState, localClock, retryDelayMs } from '../../../src/jobs/schedule.ts';

const S = scheduleSchema.parse({ holidays: ['2027-07-05'] });
const at = (iso: string) => new Date(iso);

describe('a collector’s morning', () => {
  it.each([
    ['America/New_York', '2027-05-28T11:59:00Z', 'before'],
    ['America/New_York', '2027-05-28T12:00:00Z', 'due'],
    ['America/New_York', '2027-05-28T15:59:00Z', 'due'],
    ['America/New_York', '2027-05-28T16:00:00Z', 'missed'],
    ['Europe/Berlin', '2027-05-28T06:00:00Z', 'due'],
    ['Australia/Sydney', '2027-05-27T22:00:00Z', 'due'],
  ])('in %s at %s is %s', (zone, instant, state) => {
    expect(dailyState(at(instant), zone, '08:00', 4).state).toBe(state);
  });

  it('uses the local date: late evening in New York is already tomorrow in Sydney', () => {
    expect(localClock(at('2027-05-28T23:30:00Z'), 'America/New_York')).toEqual({
      date: '2027-05-28',
      minutes: 19 * 60 + 30,
    });
    expect(localClock(at('2027-05-28T23:30:00Z'), 'Australia/Sydney').date).toBe('2027-05-29');
  });

  it('is due at the first minute after a time skipped by spring forward (02:30 on 14 March 2027)', () => {
    expect(dailyState(at('2027-03-14T06:59:00Z'), 'America/New_York', '02:30', 4)).toEqual({
      date: '2027-03-14',
      state: 'before',
    });
    expect(dailyState(at('2027-03-14T07:00:00Z'), 'America/New_York', '02:30', 4)).toEqual({
      date: '2027-03-14',
      state: 'due',
    });
  });

  it('keeps one period for a time repeated by fall back (01:30 twice on 7 November 2027)', () => {
    const first = dailyState(at('2027-11-07T05:30:00Z'), 'America/New_York', '01:30', 4);
    const second = dailyState(at('2027-11-07T06:30:00Z'), 'America/New_York', '01:30', 4);
    expect(first).toEqual({ date: '2027-11-07', state: 'due' });
    expect(second).toEqual(first);
  });

  it('keeps 08:00 local across the DST change: 12:00Z in summer, 13:00Z in winter', () => {
    expect(dailyState(at('2027-03-12T12:30:00Z'), 'America/New_York', '08:00', 4).state).toBe('before');
    expect(dailyState(at('2027-03-15T12:00:00Z'), 'America/New_York', '08:00', 4).state).toBe('due');
  });

  it('skips weekends and holidays', () => {
    expect(isBusinessDay('2027-05-28', S)).toBe(true);
    expect(isBusinessDay('2027-05-29', S)).toBe(false);
    expect(isBusinessDay('2027-07-05', S)).toBe(false);
    expect(
      dailyState(at('2027-05-29T13:00:00Z'), 'America/New_York', '08:00', 4, (d) => isBusinessDay(d, S))
        .state,
    ).toBe('off');
  });
});

describe('retry and slots', () => {
  it('doubles the wait after each failure', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 60))).toEqual([60_000, 120_000, 240_000, 480_000]);
  });

  it('refuses a digest time that is not a time of day', () => {
    expect(scheduleSchema.safeParse({ digestTime: '8am' }).success).toBe(false);
    expect(scheduleSchema.safeParse({ holidays: ['2027-02-30'] }).success).toBe(false);
  });
});
