import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  daysBetween,
  isIsoDate,
  todayIn,
  weekday,
} from '../../../src/domain/calendar.ts';

describe('calendar dates', () => {
  it.each([
    ['2027-02-28', 1, '2027-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-03-14', -14, '2027-02-28'],
  ])('%s plus %i day(s) is %s', (from, n, to) => {
    expect(addDays(from, n)).toBe(to);
    expect(daysBetween(from, to)).toBe(n);
  });

  it('rejects impossible dates', () => {
    expect(isIsoDate('2027-02-30')).toBe(false);
    expect(isIsoDate('27-02-01')).toBe(false);
    expect(isIsoDate('2027-02-01')).toBe(true);
  });

  it('knows weekdays (0 = Sunday)', () => {
    expect(weekday('2026-11-22')).toBe(0);
    expect(weekday('2026-11-27')).toBe(5);
  });

  it('clamps month arithmetic to the last day of the month', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2027-05-30', 3)).toBe('2027-08-30');
  });

  it("gives each time zone its own 'today'", () => {
    const instant = new Date('2027-05-28T03:30:00Z');
    expect(todayIn('UTC', instant)).toBe('2027-05-28');
    expect(todayIn('America/Chicago', instant)).toBe('2027-05-27');
    expect(todayIn('Asia/Tokyo', instant)).toBe('2027-05-28');
  });
});
