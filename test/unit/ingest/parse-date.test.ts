import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIsoDate } from '../../../src/domain/calendar.ts';
import { checkDateFormat, dateParser, isPlainIsoDay } from '../../../src/ingest/parse-date.ts';

describe('dateParser', () => {
  it('reads ISO dates, with or without a time part, whatever the format', () => {
    const parse = dateParser('DD/MM/YYYY');
    expect(parse('2027-05-28')).toEqual({ ok: true, value: '2027-05-28' });
    expect(parse('2027-05-28T00:00:00Z')).toEqual({ ok: true, value: '2027-05-28' });
    expect(parse('2027-05-28 13:45:00')).toEqual({ ok: true, value: '2027-05-28' });
  });

  it.each([
    ['DD/MM/YYYY', '28/05/2027', '2027-05-28'],
    ['MM/DD/YYYY', '05/28/2027', '2027-05-28'],
    ['M/D/YY', '5/8/27', '2027-05-08'],
    ['D.M.YYYY', '8.5.2027', '2027-05-08'],
    ['DD-MMM-YYYY', '28-May-2027', '2027-05-28'],
    ['YYYYMMDD', '20270528', '2027-05-28'],
    ['dd/MM/yyyy', '28/05/2027', '2027-05-28'],
  ])('reads %s: %s', (format, text, iso) => {
    expect(dateParser(format)(text)).toEqual({ ok: true, value: iso });
  });

  it('refuses dates that do not exist and layouts it was not given', () => {
    expect(dateParser()('2027-02-30')).toMatchObject({ ok: false, reason: /is not a date: "2027-02-30"/ });
    expect(dateParser('DD/MM/YYYY')('31/04/2027')).toMatchObject({ ok: false });
    expect(dateParser()('28/05/2027')).toMatchObject({ ok: false, reason: /pass --date-format/ });
  });

  it('checks a --date-format has a year, a month and a day', () => {
    expect(checkDateFormat('DD/MM/YYYY')).toBeNull();
    expect(checkDateFormat('MM/YYYY')).toMatch(/must contain a year .* a month .* and a day/);
  });
});

describe('isPlainIsoDay', () => {
  it('agrees with the calendar on every YYYY-MM-DD from year 1000', () => {
    const text = fc.stringMatching(/^[12]\d{3}-[01]\d-[0-3]\d$/);
    fc.assert(
      fc.property(text, (t) => isPlainIsoDay(t) === isIsoDate(t)),
      { numRuns: 5000 },
    );
    expect([isPlainIsoDay('2028-02-29'), isPlainIsoDay('2100-02-29'), isPlainIsoDay('2000-02-29')]).toEqual([
      true,
      false,
      true,
    ]);
    expect(isPlainIsoDay('2027-5-28')).toBe(false);
  });
});
