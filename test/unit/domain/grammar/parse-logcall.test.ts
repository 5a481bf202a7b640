import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLogcall } from '../../../../src/domain/grammar/parse-logcall.ts';
import { CORPUS, CUSTOMERS, TODAY } from './corpus.ts';

const ctx = { customers: CUSTOMERS, today: TODAY, dateOrder: 'MDY' as const, horizonDays: 90 };

describe('the /logcall grammar', () => {
  it('has a corpus of at least 150 phrasings', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(150);
  });

  it.each(CORPUS)('%j', (text, expected) => {
    const result = parseLogcall(text, ctx);
    if (typeof expected === 'string') {
      expect(result.ok ? result.value : result.error.code).toBe(expected);
      if (!result.ok) expect(result.error.message.length).toBeGreaterThan(10);
      return;
    }
    if (!result.ok) throw new Error(`expected an intent, got ${result.error.code}: ${result.error.message}`);
    const { customer, confirm, ...rest } = expected;
    if (customer) expect(result.value.customer.code).toBe(customer);
    if (confirm === '<any>') expect(result.value.confirm).toMatch(/Record it anyway\?/);
    else if (confirm !== undefined) expect(result.value.confirm).toBe(confirm);
    expect(result.value).toMatchObject(rest);
  });

  it.each([
    'ACME promised constructor',
    'ACME promised next __proto__',
    'ACME promised constructor 5',
    'ACME promised in 3 constructor',
    'ACME callback at constructor',
    'ACME plan 10000 in 3 constructor from 1/31',
  ])('reads Object.prototype’s names as plain words, never as dates, times or units: %j', (text) => {
    const result = parseLogcall(text, ctx);
    if (result.ok) {
      expect(result.value.date ?? null).toBeNull();
      expect(result.value.plan ?? null).toBeNull();
    } else expect(result.error.message.length).toBeGreaterThan(10);
  });

  it('reads D/M when the workspace says so', () => {
    const dm = { ...ctx, dateOrder: 'DMY' as const };
    expect(parseLogcall('ACME promised 30/5', dm)).toMatchObject({ ok: true, value: { date: '2027-05-30' } });
    expect(parseLogcall('ACME promised 1/6/27', dm)).toMatchObject({
      ok: true,
      value: { date: '2027-06-01' },
    });
    expect(parseLogcall('ACME promised 5/30', dm)).toMatchObject({ ok: false, error: { code: 'bad_date' } });
  });

  it('resolves "today" from the day it is given (the actor zone decides it)', () => {
    const r = parseLogcall('ACME promised tomorrow', { ...ctx, today: '2027-12-31' });
    expect(r).toMatchObject({ ok: true, value: { date: '2028-01-01' } });
  });

  it('splits a plan into dated instalments that add up to the total exactly', () => {
    const r = parseLogcall('ACME plan 10000 in 3 monthly from 1/31', ctx);
    expect(r.ok && r.value.plan).toEqual({
      totalCents: 1_000_000,
      count: 3,
      frequency: 'monthly',
      startOn: '2028-01-31',
      instalments: [
        { no: 1, dueOn: '2028-01-31', amountCents: 333_333 },
        { no: 2, dueOn: '2028-02-29', amountCents: 333_333 },
        { no: 3, dueOn: '2028-03-31', amountCents: 333_334 },
      ],
    });
    const weekly = parseLogcall('ACME plan 5k weekly x4 from friday', ctx);
    expect(weekly.ok && weekly.value.plan?.instalments.map((i) => i.dueOn)).toEqual([
      '2027-06-04',
      '2027-06-11',
      '2027-06-18',
      '2027-06-25',
    ]);
  });

  it('suggests the closest customer by edit distance and offers choices when ambiguous', () => {
    const unknown = parseLogcall('ACMEE promised 5/30', ctx);
    expect(unknown).toMatchObject({
      ok: false,
      error: {
        message: "no customer matches 'ACMEE' — did you mean Acme Corp (ACME)?",
        rest: 'promised 5/30',
      },
    });
    const ambiguous = parseLogcall('acm vm', ctx);
    expect(!ambiguous.ok && ambiguous.error.choices?.map((c) => c.code)).toEqual(['ACME', 'ACMI']);
  });

  it('refuses a promise dated in the past and says why', () => {
    const r = parseLogcall('ACME promised yesterday', ctx);
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'promise_in_past', message: expect.stringMatching(/Thu 27 May 2027 is in the past/) },
    });
  });

  it('never throws, whatever the text', () => {
    const words = fc.constantFrom(
      'ACME',
      'acme',
      '"Acme',
      '“Acme Corp”',
      'promised',
      'ptp',
      'plan',
      'paid',
      'vm',
      'no',
      'answer',
      'in',
      'x4',
      'weekly',
      'from',
      'ref',
      '5/30',
      '2/30',
      '99/99/99',
      '5k',
      '$5,000',
      '1e9',
      '9999999999999999999k',
      'next',
      'friday',
      'the',
      '31st',
      'at',
      '2pm',
      '--yes',
      '—',
      '🙏',
      '\u200b',
    );
    const line = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'grapheme', maxLength: 100 }),
      fc.array(words, { maxLength: 12 }).map((w) => w.join(' ')),
    );
    fc.assert(
      fc.property(line, fc.constantFrom('MDY', 'DMY'), (text, order) => {
        const r = parseLogcall(text, { ...ctx, dateOrder: order as 'MDY' | 'DMY' });
        if (!r.ok) expect(r.error.message).toBeTruthy();
        else if (r.value.amountCents !== null) expect(Number.isSafeInteger(r.value.amountCents)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
