// The kinds of message the bot writes: one per automated treatment step, plus the two that follow a
// call. Each kind is a template (templates/outreach/<lang>/<kind>.*).
import type { TreatmentStep } from '../policy/treatment.ts';

export const OUTREACH_KINDS = [
  'pre_due_reminder',
  'past_due_notice',
  'reminder_1',
  'reminder_2',
  'reminder_3',
  'final_demand',
  'call_summary',
  'promise_confirmation',
] as const;

export type OutreachKind = (typeof OUTREACH_KINDS)[number];

/** Kinds sent in the morning batch (the others follow a logged call). */
export type DunningKind = Exclude<OutreachKind, 'call_summary' | 'promise_confirmation'>;

/** The message for a treatment step of the age ladder; null when the step is no letter. */
export function kindForStep(step: TreatmentStep): DunningKind | null {
  switch (step) {
    case 'pre_due_reminder':
    case 'courtesy_call':
      return 'pre_due_reminder';
    case 'past_due_check':
      return 'past_due_notice';
    case 'reminder_1':
    case 'reminder_2':
    case 'reminder_3':
    case 'final_demand':
      return step;
    // A large account off the sheets at its escalation step still gets the third reminder.
    case 'supervisor_escalation':
      return 'reminder_3';
    default:
      return null;
  }
}

/** The ladder's kind for an age in days past due (dispute follow-ups write about the other invoices). */
export function kindForAge(daysPastDue: number, ladder: AgeLadder): DunningKind {
  if (daysPastDue >= ladder.finalDemand) return 'final_demand';
  if (daysPastDue >= ladder.escalation) return 'reminder_3';
  if (daysPastDue >= ladder.reminder2) return 'reminder_2';
  if (daysPastDue >= ladder.reminder1) return 'reminder_1';
  return 'past_due_notice';
}

export interface AgeLadder {
  reminder1: number;
  reminder2: number;
  escalation: number;
  finalDemand: number;
}

/** From the escalation step on, the customer's manager is written to instead of the AP contact. */
export function writesToManager(kind: OutreachKind): boolean {
  return kind === 'reminder_3' || kind === 'final_demand';
}
