import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIsoDate } from '../../../src/domain/calendar.ts';
import { checkDateFormat, dateParser, fullYear, isPlainIsoDay } from '../../../src/ingest/parse-date.ts';

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

describe('two-digit years', () => {
  it('fall in the century that puts them at most futureYears ahead (latest year 2036)', () => {
    expect([0, 26, 36, 37, 85, 99].map((yy) => fullYear(yy, 2036))).toEqual([
      2000, 2026, 2036, 1937, 1985, 1999,
    ]);
  });

  it('apply to YY layouts and to bare years where a field allows them', () => {
    expect(dateParser('DD/MM/YY', { latestYear: 2036 })('01/02/85')).toEqual({
      ok: true,
      value: '1985-02-01',
    });
    expect(dateParser('DD/MM/YY', { latestYear: 2036 })('01/02/30')).toEqual({
      ok: true,
      value: '2030-02-01',
    });
    const founded = dateParser(undefined, { latestYear: 2036, bareYear: true });
    expect([founded('85'), founded('1985'), founded('07')]).toEqual([
      { ok: true, value: '1985-01-01' },
      { ok: true, value: '1985-01-01' },
      { ok: true, value: '2007-01-01' },
    ]);
    expect(dateParser()('85')).toMatchObject({ ok: false, reason: /is not a date: "85"/ });
  });
});

describe('month names', () => {
  it.each([
    ['en-US', '3 Mar 2026', '2026-03-03'],
    ['en-US', 'March 3, 2026', '2026-03-03'],
    ['en-US', '3-Sept-26', '2026-09-03'],
    ['de-DE', '3. März 2026', '2026-03-03'],
    ['de-DE', '24 Okt. 2026', '2026-10-24'],
    ['de-DE', '1 Dez 2026', '2026-12-01'],
    ['fr-FR', '14 juil. 2026', '2026-07-14'],
    ['fr-FR', '3 Mar 2026', '2026-03-03'],
  ])('read without a --date-format (%s: %s)', (locale, text, iso) => {
    expect(dateParser(undefined, { locale, latestYear: 2036 })(text)).toEqual({ ok: true, value: iso });
  });

  it('read in a MMM layout in the import locale', () => {
    expect(dateParser('DD-MMM-YYYY', { locale: 'de-DE' })('03-Mär-2026')).toEqual({
      ok: true,
      value: '2026-03-03',
    });
    expect(dateParser('D MMMM YYYY', { locale: 'de-DE' })('3 März 2026')).toEqual({
      ok: true,
      value: '2026-03-03',
    });
  });

  it('refuse words that are not months, and days that do not exist', () => {
    expect(dateParser()('3 Foo 2026')).toMatchObject({
      ok: false,
      reason: /expected YYYY-MM-DD or 3 Mar 2027/,
    });
    expect(dateParser()('31 Feb 2026')).toMatchObject({ ok: false });
    expect(dateParser('DD-MMM-YYYY')('03-Foo-2026')).toMatchObject({ ok: false });
  });
});
