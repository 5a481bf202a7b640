import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyAccount } from '../../../../src/domain/policy/account-inputs.ts';
import { DEFAULT_POLICY } from '../../../../src/domain/policy/policy-settings.ts';
import {
  holdsLetters,
  ladderRung,
  treatmentPlan,
  treatmentStep,
} from '../../../../src/domain/policy/treatment.ts';
import { overdueAccount } from './builders.ts';

const asOf = '2027-05-28';
const policy = DEFAULT_POLICY;
const large = (days: number) => overdueAccount('L', [{ cents: 5_000_000, days }]);
const small = (days: number) => overdueAccount('S', [{ cents: 50_000, days }]);

describe('the treatment plan by age (30-day terms: age = days past due + 30)', () => {
  it.each([
    [2, 'past_due_check', 'past_due_check'],
    [7, 'reminder_1', 'reminder_1'],
    [17, 'reminder_2', 'reminder_2'],
    [27, 'supervisor_escalation', 'reminder_3'],
    [37, 'final_demand', 'final_demand'],
    [52, 'agency_referral', 'agency_or_write_off'],
  ])('at %i days past due: large %s, small %s', (days, largeStep, smallStep) => {
    expect(treatmentPlan(large(days), asOf, policy).step).toBe(largeStep);
    expect(treatmentPlan(small(days), asOf, policy).step).toBe(smallStep);
  });

  it('calls the manager from the escalation step on', () => {
    expect(treatmentPlan(large(27), asOf, policy)).toMatchObject({
      contactRole: 'manager',
      callLabel: "Escalation: supervisor calls the customer's manager",
    });
    expect(treatmentPlan(large(7), asOf, policy).contactRole).toBe('ap');
  });

  it('numbers the rungs from the ladder settings', () => {
    expect([0, 1, 4, 5, 15, 25, 35, 50, 400].map((d) => ladderRung(d, policy))).toEqual([
      -1, 0, 0, 1, 2, 3, 4, 5, 5,
    ]);
  });

  it('gives large accounts a courtesy call before the due date and small ones a reminder', () => {
    const upcoming = { nextDueDate: '2027-06-02', nextDueCents: 1_500_000 };
    expect(
      treatmentPlan(emptyAccount('L', { openCents: 5_000_000, ...upcoming }), asOf, policy),
    ).toMatchObject({
      step: 'courtesy_call',
      callLabel: 'Courtesy call: confirm delivery and payment of $15,000 due from Jun 2',
    });
    expect(treatmentPlan(emptyAccount('S', { openCents: 50_000, ...upcoming }), asOf, policy).step).toBe(
      'pre_due_reminder',
    );
    expect(
      treatmentPlan(emptyAccount('F', { openCents: 50_000, nextDueDate: '2027-07-30' }), asOf, policy).step,
    ).toBe('none');
  });
});

describe('overrides of the age ladder', () => {
  it('escalates at once after a recent broken promise', () => {
    const account = {
      ...large(7),
      promises: {
        ...large(7).promises,
        brokenCount: 2,
        lastBrokenOn: '2027-05-22',
        firstBrokenOn: '2027-04-28',
      },
    };
    expect(treatmentPlan(account, asOf, policy)).toMatchObject({
      step: 'supervisor_escalation',
      escalated: true,
      callLabel: "Escalation: supervisor calls the customer's manager now (2 broken promises)",
    });
  });

  it('escalates one step above the age step when already past the escalation rung', () => {
    const account = {
      ...large(28),
      interactions: { ...large(28).interactions, unansweredStreak: 3 },
    };
    expect(treatmentPlan(account, asOf, policy)).toMatchObject({ step: 'final_demand', escalated: true });
  });

  it('escalates no further than the final demand: the agency step comes with age, for managers', () => {
    const account = {
      ...large(37),
      interactions: { ...large(37).interactions, unansweredStreak: 3 },
    };
    expect(treatmentPlan(account, asOf, policy)).toMatchObject({
      step: 'final_demand',
      escalated: true,
      callLabel: 'Final demand call, then final demand letter now (3 unanswered calls in a row)',
    });
    expect(treatmentPlan(large(52), asOf, policy).step).toBe('agency_referral');
  });

  it('does not escalate for an old broken promise', () => {
    const account = {
      ...large(7),
      promises: { ...large(7).promises, brokenCount: 1, lastBrokenOn: '2026-12-01' },
    };
    expect(treatmentPlan(account, asOf, policy)).toMatchObject({ step: 'reminder_1', escalated: false });
  });

  it('holds dunning letters while a promise is not yet due; a call checks it is on track', () => {
    const account = {
      ...large(20),
      promises: { ...large(20).promises, pendingOn: '2027-05-30', pendingCents: 2_500_000 },
    };
    expect(treatmentPlan(account, asOf, policy)).toMatchObject({
      step: 'promise_pending',
      noDunning: true,
      callLabel: 'Promise of $25,000 due May 30: check it is on track',
      letterLabel: 'Promise of $25,000 due May 30: no dunning until then',
    });
  });

  it("writes the labels' amounts in the company's base currency and locale", () => {
    const euro = { base: 'EUR', locale: 'de-DE' };
    const promised = {
      ...large(20),
      promises: { ...large(20).promises, pendingOn: '2027-05-30', pendingCents: 2_500_049 },
    };
    expect(treatmentPlan(promised, asOf, policy, euro).callLabel).toBe(
      'Promise of 25.000\u00a0€ due May 30: check it is on track',
    );
    const upcoming = emptyAccount('L', {
      openCents: 5_000_000,
      nextDueDate: '2027-06-02',
      nextDueCents: 1_500_000,
    });
    expect(treatmentPlan(upcoming, asOf, policy, euro).callLabel).toBe(
      'Courtesy call: confirm delivery and payment of 15.000\u00a0€ due from Jun 2',
    );
  });

  it('follows up a dispute instead of dunning', () => {
    const account = {
      ...large(20),
      disputes: { openCount: 1, reasons: ['damaged goods'], invoices: ['INV-7'] },
    };
    expect(treatmentPlan(account, asOf, policy)).toMatchObject({
      step: 'dispute_follow_up',
      callLabel: 'Resolve the dispute on INV-7 (damaged goods); no dunning on it',
    });
  });

  it('puts a callback on its day, ahead of a pending promise', () => {
    const base = large(20);
    const account = {
      ...base,
      interactions: { ...base.interactions, callbackOn: asOf, callbackAskedOn: '2027-05-25' },
      promises: { ...base.promises, pendingOn: '2027-06-05' },
    };
    expect(treatmentPlan(account, asOf, policy)).toMatchObject({
      step: 'callback',
      callLabel: 'Call back as agreed (due today)',
    });
    expect(treatmentPlan(account, '2027-05-27', policy).step).toBe('promise_pending');
  });
});

describe('the step alone', () => {
  const day = (n: number) => `2027-05-${String(n).padStart(2, '0')}`;
  const accounts = fc
    .record({
      days: fc.integer({ min: -20, max: 80 }),
      cents: fc.constantFrom(50_000, 5_000_000),
      callback: fc.option(fc.integer({ min: 20, max: 31 }), { nil: null }),
      pending: fc.option(fc.integer({ min: 20, max: 31 }), { nil: null }),
      broken: fc.integer({ min: 0, max: 2 }),
      unanswered: fc.integer({ min: 0, max: 4 }),
      disputes: fc.integer({ min: 0, max: 1 }),
      expected: fc.option(fc.integer({ min: 25, max: 90 }), { nil: null }),
      yearAvg: fc.integer({ min: 25, max: 90 }),
      spread: fc.integer({ min: 0, max: 10 }),
    })
    .map((r) => {
      const a = overdueAccount('X', [{ cents: r.cents, days: r.days }]);
      return {
        ...a,
        expectedDaysToPay: r.expected,
        payments: { ...a.payments, yearAvgDays: r.yearAvg, yearStddevDays: r.spread, yearCount: 12 },
        interactions: {
          ...a.interactions,
          callbackOn: r.callback === null ? null : day(r.callback),
          unansweredStreak: r.unanswered,
        },
        promises: {
          ...a.promises,
          pendingOn: r.pending === null ? null : day(r.pending),
          pendingCents: 10_000,
          brokenCount: r.broken,
          lastBrokenOn: r.broken ? '2027-05-20' : null,
        },
        disputes: { openCount: r.disputes, reasons: [], invoices: [] },
      };
    });

  it('is the step of the whole plan, and holds letters exactly when the plan does', () => {
    fc.assert(
      fc.property(accounts, (account) => {
        const plan = treatmentPlan(account, asOf, policy);
        const step = treatmentStep(account, asOf, policy);
        expect(step).toBe(plan.step);
        expect(holdsLetters(step)).toBe(plan.noDunning);
      }),
      { numRuns: 500 },
    );
  });
});
