import { describe, expect, it } from 'vitest';
import { endOfDayIn } from '../../../src/app/build-call-sheets.ts';

describe('the end of a day in a collector’s zone (what "logged on or before D" means)', () => {
  it.each([
    ['2027-05-28', 'America/New_York', '2027-05-29T04:00:00.000Z'],
    ['2027-03-13', 'America/New_York', '2027-03-14T05:00:00.000Z'], // the night clocks go forward
    ['2027-11-06', 'America/Chicago', '2027-11-07T05:00:00.000Z'], // the night clocks go back
    ['2027-05-28', 'UTC', '2027-05-29T00:00:00.000Z'],
    ['2027-05-28', 'Asia/Kolkata', '2027-05-28T18:30:00.000Z'],
  ])('%s in %s ends at %s', (day, zone, instant) => {
    expect(endOfDayIn(day, zone)).toBe(instant);
  });
});
