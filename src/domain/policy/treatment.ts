// The treatment plan: the next action for an account from the age of its oldest overdue invoice,
// different for large accounts (calls) and small ones (letters and e-mails), with the overrides
// collections teams use: a callback goes on its day's sheet, an open promise not yet due holds the
// letters back, a disputed invoice gets a dispute follow-up, and a broken promise or repeated
// no-answer escalates at once instead of waiting for the next age step. Whether an account is
// called at all is the lateness model's choice (plan-day.ts); this says what to do when it is.
import type { IsoDate } from '../calendar.ts';
import { DEFAULT_DISPLAY, type MoneyDisplay } from '../money-text.ts';
import type { AccountInputs } from './account-inputs.ts';
import { daysFrom } from './days.ts';
import type { PolicySettings } from './policy-settings.ts';
import { plural, shortDate, wholeMoney } from './words.ts';

export type TreatmentStep =
  | 'none'
  | 'early_call'
  | 'courtesy_call'
  | 'pre_due_reminder'
  | 'past_due_check'
  | 'reminder_1'
  | 'reminder_2'
  | 'supervisor_escalation'
  | 'reminder_3'
  | 'final_demand'
  | 'agency_referral'
  | 'agency_or_write_off'
  | 'dispute_follow_up'
  | 'callback'
  | 'promise_pending'
  | 'within_pattern';

export interface Treatment {
  step: TreatmentStep;
  /** What a collector does when the account is on a call sheet. */
  callLabel: string;
  /** What the automated tier sends when it is not (letters, e-mails). */
  letterLabel: string;
  escalated: boolean;
  /**
   * An open promise not yet due, or a reliable payer inside its usual pattern: no dunning letter.
   * A call only when the account's expected late dollars put it on a sheet.
   */
  noDunning: boolean;
  /** Whom to reach: the AP contact, or the customer's manager for escalations. */
  contactRole: 'ap' | 'manager';
  /** Why the plan left the age ladder, if it did ("2 broken promises"). */
  because: string | null;
}

/** The age ladder, bottom to top. Large and small accounts share it with different steps. */
const LADDER: readonly {
  large: TreatmentStep;
  small: TreatmentStep;
  call: string;
  letter: string;
  manager?: true;
}[] = [
  {
    large: 'past_due_check',
    small: 'past_due_check',
    call: 'Past-due check call',
    letter: 'Past-due notice',
  },
  {
    large: 'reminder_1',
    small: 'reminder_1',
    call: 'Reminder call #1, then a written summary',
    letter: 'Reminder letter/e-mail #1',
  },
  {
    large: 'reminder_2',
    small: 'reminder_2',
    call: 'Reminder call #2, then a written summary',
    letter: 'Reminder #2',
  },
  {
    large: 'supervisor_escalation',
    small: 'reminder_3',
    call: "Escalation: supervisor calls the customer's manager",
    letter: 'Reminder #3',
    manager: true,
  },
  {
    large: 'final_demand',
    small: 'final_demand',
    call: 'Final demand call, then final demand letter',
    letter: 'Final demand letter',
    manager: true,
  },
  {
    large: 'agency_referral',
    small: 'agency_or_write_off',
    call: 'Refer to collection agency',
    letter: 'Refer to agency or write off',
    manager: true,
  },
];

export function isLarge(account: AccountInputs, policy: PolicySettings): boolean {
  return account.openCents >= policy.largeAccountCents;
}

/** Ladder rung for days past due (−1 = not overdue). */
export function ladderRung(daysPastDue: number, policy: PolicySettings): number {
  if (daysPastDue <= 0) return -1;
  const l = policy.ladder;
  const marks = [l.reminder1, l.reminder2, l.escalation, l.finalDemand, l.agency];
  return marks.filter((mark) => daysPastDue >= mark).length;
}

function escalation(account: AccountInputs, asOf: IsoDate, policy: PolicySettings): string | null {
  const t = policy.thresholds;
  const { brokenCount, lastBrokenOn } = account.promises;
  if (brokenCount > 0 && lastBrokenOn && daysFrom(lastBrokenOn, asOf) <= t.brokenPromiseEscalateDays)
    return plural(brokenCount, 'broken promise');
  if (account.interactions.unansweredStreak >= t.noAnswerEscalateAfter)
    return `${plural(account.interactions.unansweredStreak, 'unanswered call')} in a row`;
  return null;
}

const plain = (
  step: TreatmentStep,
  callLabel: string,
  letterLabel: string,
  extra: Partial<Treatment> = {},
): Treatment => ({
  step,
  callLabel,
  letterLabel,
  escalated: false,
  noDunning: false,
  contactRole: 'ap',
  because: null,
  ...extra,
});

/**
 * Where the account stands on the age ladder: days past due of its oldest overdue invoice, why the
 * plan escalates (if it does), the days a reliable late pattern adds, and the rung it reaches.
 */
function ladderPosition(
  account: AccountInputs,
  oldestDueDate: IsoDate,
  asOf: IsoDate,
  policy: PolicySettings,
) {
  const dpd = daysFrom(oldestDueDate, asOf);
  const because = escalation(account, asOf, policy);
  const grace = patternGraceDays(account);
  const withinPattern = !because && grace > 0 && dpd <= grace;
  let rung = ladderRung(dpd - grace, policy);
  // Escalate at once: at least the escalation rung, and one above the age step — up to the final
  // demand: the agency step is reached by age and handled by managers, off the call sheets.
  if (because) rung = Math.max(rung, Math.min(LADDER.length - 2, Math.max(rung + 1, 3)));
  return { dpd, because, grace, withinPattern, rung };
}

/**
 * The plan's step alone, without its labels: a day's plan needs the step of every account (tens
 * of thousands) and the labels only of the rows it shows. `treatmentPlan` agrees with it always.
 */
export function treatmentStep(account: AccountInputs, asOf: IsoDate, policy: PolicySettings): TreatmentStep {
  const { callbackOn } = account.interactions;
  if (callbackOn !== null && callbackOn <= asOf) return 'callback';
  const { pendingOn } = account.promises;
  if (pendingOn !== null && pendingOn >= asOf) return 'promise_pending';
  if (account.disputes.openCount > 0) return 'dispute_follow_up';
  const large = isLarge(account, policy);
  if (account.overdueCents <= 0 || account.oldestDueDate === null) {
    if (account.nextDueDate === null) return 'none';
    const daysToDue = daysFrom(asOf, account.nextDueDate);
    if (large && daysToDue <= policy.ladder.courtesyCallDays) return 'courtesy_call';
    if (!large && daysToDue <= policy.ladder.preDueReminderDays) return 'pre_due_reminder';
    return 'none';
  }
  const at = ladderPosition(account, account.oldestDueDate, asOf, policy);
  if (at.withinPattern) return 'within_pattern';
  const step = LADDER[Math.max(0, at.rung)]!;
  return large ? step.large : step.small;
}

/** Steps that hold the letters back: a promise not yet due, or a reliable payer within its pattern. */
export const holdsLetters = (step: TreatmentStep): boolean =>
  step === 'promise_pending' || step === 'within_pattern';

/** `display`: the base currency and locale the labels' amounts (base money) are written in. */
export function treatmentPlan(
  account: AccountInputs,
  asOf: IsoDate,
  policy: PolicySettings,
  display: MoneyDisplay = DEFAULT_DISPLAY,
): Treatment {
  const step = treatmentStep(account, asOf, policy);
  switch (step) {
    case 'callback': {
      const callbackOn = account.interactions.callbackOn!;
      const when = callbackOn === asOf ? 'today' : `since ${shortDate(callbackOn)}`;
      return plain('callback', `Call back as agreed (due ${when})`, 'Call back as agreed');
    }
    case 'promise_pending': {
      const { pendingOn, pendingCents } = account.promises;
      const promise = `Promise of ${wholeMoney(pendingCents, display)} due ${shortDate(pendingOn!)}`;
      return plain(
        'promise_pending',
        `${promise}: check it is on track`,
        `${promise}: no dunning until then`,
        {
          noDunning: true,
        },
      );
    }
    case 'dispute_follow_up': {
      const on = account.disputes.invoices.slice(0, 2).join(', ');
      const reason = account.disputes.reasons[0] ? ` (${account.disputes.reasons[0]})` : '';
      return plain(
        'dispute_follow_up',
        `Resolve the dispute on ${on || 'the invoice'}${reason}; no dunning on it`,
        `Dispute acknowledgement for ${on || 'the invoice'}`,
      );
    }
    case 'none':
    case 'courtesy_call':
    case 'pre_due_reminder': {
      if (account.nextDueDate === null) return plain('none', 'Nothing due', 'Nothing due');
      const due = `${wholeMoney(account.nextDueCents, display)} due from ${shortDate(account.nextDueDate)}`;
      if (step === 'courtesy_call')
        return plain(step, `Courtesy call: confirm delivery and payment of ${due}`, `Reminder: ${due}`);
      if (step === 'pre_due_reminder')
        return plain(step, `Service check and reminder: ${due}`, `Service survey + reminder: ${due}`);
      const early = `Early call: confirm payment of ${wholeMoney(account.openCents, display)} open, first due ${shortDate(account.nextDueDate)}`;
      return plain('none', early, 'Nothing due yet');
    }
    default: {
      const at = ladderPosition(account, account.oldestDueDate!, asOf, policy);
      if (step === 'within_pattern') {
        const usual = account.termsDays + at.grace;
        const pattern = `Pays reliably at ${usual} days (now day ${account.termsDays + at.dpd})`;
        return plain(
          'within_pattern',
          `${pattern}: confirm payment by day ${usual}`,
          `${pattern}: no chase before day ${usual}`,
          { noDunning: true },
        );
      }
      const rung = LADDER[Math.max(0, at.rung)]!;
      return {
        step,
        callLabel: at.because ? `${rung.call} now (${at.because})` : rung.call,
        letterLabel: rung.letter,
        escalated: at.because !== null,
        noDunning: false,
        contactRole: rung.manager ? 'manager' : 'ap',
        because: at.because,
      };
    }
  }
}

/**
 * A customer that reliably pays later than its terms ("always pays at 60 days") is not chased
 * before its usual day: the ladder starts that many days later. Reliable = a year of payments
 * within a few days of the expected pattern.
 */
export function patternGraceDays(account: AccountInputs): number {
  const expected = account.expectedDaysToPay;
  const { yearAvgDays, yearStddevDays, yearCount } = account.payments;
  if (expected === null || expected <= account.termsDays || yearAvgDays === null) return 0;
  const reliable = yearCount >= 3 && (yearStddevDays ?? 0) <= 5 && Math.abs(yearAvgDays - expected) <= 5;
  return reliable ? expected - account.termsDays : 0;
}

/** What the agency step says, for the managers' agency queue. */
export function agencyStep(large: boolean): string {
  const top = LADDER[LADDER.length - 1]!;
  return large ? top.call : top.letter;
}

/** Steps that count as escalations for the manager's view. */
export function isEscalationStep(step: TreatmentStep): boolean {
  return (
    step === 'supervisor_escalation' ||
    step === 'final_demand' ||
    step === 'agency_referral' ||
    step === 'agency_or_write_off'
  );
}
