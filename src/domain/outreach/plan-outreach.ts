// Who gets what today: from the automated tier the sheet engine chose (accounts off the call sheets
// with a letter step), one message per customer listing all its invoices, to the right person —
// or a reason it is not sent. Nobody is dropped silently: each candidate ends as a message, a hold
// (a rule says wait) or a task for a person (nothing we can send, or a call is needed instead).
import type { IsoDate } from '../calendar.ts';
import type { Cents } from '../money.ts';
import type { TreatmentStep } from '../policy/treatment.ts';
import {
  type AgeLadder,
  type DunningKind,
  kindForAge,
  kindForStep,
  writesToManager,
} from './message-kind.ts';
import { pickRecipient, type Recipient, type RecipientContact } from './pick-recipient.ts';

export interface OutreachInvoice {
  number: string;
  issueDate: IsoDate;
  dueDate: IsoDate;
  openCents: Cents;
  currency: string;
  /** Days past due on the day (negative: not yet due). */
  daysPastDue: number;
  disputed: boolean;
}

export interface OutreachCandidate {
  customerId: number;
  code: string;
  name: string;
  /** The customer's language (e.g. 'fr'); null: the company's default. */
  language: string | null;
  optedOut: boolean;
  step: TreatmentStep;
  /** The treatment escalated because of broken promises (not only unanswered calls). */
  brokenPromises: number;
  escalated: boolean;
  /** The earliest open promise not yet due, if any. */
  pendingPromiseOn: IsoDate | null;
  /** A credit hold is in force: its release is pending with a manager. */
  creditHold: boolean;
  /** A collector already logged a call with this customer today. */
  calledToday: boolean;
  contacts: readonly RecipientContact[];
  /** Every open invoice of the customer on the day. */
  invoices: readonly OutreachInvoice[];
}

export interface CurrencyTotal {
  currency: string;
  cents: Cents;
}

export interface PlannedMessage {
  customerId: number;
  code: string;
  name: string;
  kind: DunningKind;
  language: string | null;
  to: Recipient;
  invoices: OutreachInvoice[];
  totals: CurrencyTotal[];
}

export type HoldReason = 'opted_out' | 'promise_pending' | 'credit_hold' | 'called_today' | 'all_disputed';
export type ManualReason = 'no_email' | 'broken_promise' | 'not_a_letter';

export type OutreachDecision =
  | { outcome: 'send'; message: PlannedMessage }
  | { outcome: 'held'; customerId: number; code: string; reason: HoldReason; detail: string }
  | { outcome: 'manual'; customerId: number; code: string; reason: ManualReason; detail: string };

export interface OutreachRules {
  ladder: AgeLadder;
  /** Invoices falling due within this many days are listed in a pre-due reminder. */
  preDueDays: number;
}

export function totalsByCurrency(
  invoices: readonly { openCents: Cents; currency: string }[],
): CurrencyTotal[] {
  const out = new Map<string, Cents>();
  for (const i of invoices) out.set(i.currency, (out.get(i.currency) ?? 0) + i.openCents);
  return [...out].sort(([a], [b]) => a.localeCompare(b)).map(([currency, cents]) => ({ currency, cents }));
}

/** The invoices a message is about, and its kind; null when only disputed invoices are left. */
function subjectOf(c: OutreachCandidate, rules: OutreachRules) {
  const undisputed = c.invoices.filter((i) => !i.disputed && i.openCents > 0);
  const overdue = undisputed.filter((i) => i.daysPastDue > 0);
  if (c.step === 'pre_due_reminder' || c.step === 'courtesy_call') {
    const soon = undisputed.filter((i) => i.daysPastDue <= 0 && -i.daysPastDue <= rules.preDueDays);
    return soon.length ? { kind: 'pre_due_reminder' as const, invoices: soon } : null;
  }
  if (!overdue.length) return null;
  // A dispute follow-up writes about the invoices not in dispute, at their own age step.
  const oldest = Math.max(...overdue.map((i) => i.daysPastDue));
  const kind = c.step === 'dispute_follow_up' ? kindForAge(oldest, rules.ladder) : kindForStep(c.step);
  return kind ? { kind, invoices: overdue } : null;
}

export function decideOutreach(c: OutreachCandidate, asOf: IsoDate, rules: OutreachRules): OutreachDecision {
  const who = { customerId: c.customerId, code: c.code };
  const held = (reason: HoldReason, detail: string): OutreachDecision => ({
    outcome: 'held',
    ...who,
    reason,
    detail,
  });
  const manual = (reason: ManualReason, detail: string): OutreachDecision => ({
    outcome: 'manual',
    ...who,
    reason,
    detail,
  });
  if (c.optedOut) return held('opted_out', 'the customer asked not to receive e-mails');
  if (c.pendingPromiseOn !== null && c.pendingPromiseOn >= asOf)
    return held('promise_pending', `a promise is open until ${c.pendingPromiseOn}`);
  if (c.creditHold) return held('credit_hold', 'a credit hold is in force: its release is with a manager');
  if (c.calledToday) return held('called_today', 'a collector already called today');
  // A broken promise is no case for a letter: the customer goes back to the callers.
  if (c.escalated && c.brokenPromises > 0)
    return manual('broken_promise', `${c.brokenPromises} broken promise(s): call instead of writing`);
  const subject = subjectOf(c, rules);
  if (subject === null) {
    if (c.invoices.some((i) => i.disputed && i.openCents > 0) && c.step !== 'callback')
      return held('all_disputed', 'every open invoice it would name is in dispute');
    return manual('not_a_letter', `step ${c.step} is not a letter: a person decides`);
  }
  const to = pickRecipient(c.contacts, writesToManager(subject.kind) ? 'manager' : 'ap');
  if (to === null) return manual('no_email', 'no contact with an e-mail address: send by post or call');
  return {
    outcome: 'send',
    message: {
      ...who,
      name: c.name,
      kind: subject.kind,
      language: c.language,
      to,
      invoices: [...subject.invoices].sort(
        (a, b) => b.daysPastDue - a.daysPastDue || a.number.localeCompare(b.number),
      ),
      totals: totalsByCurrency(subject.invoices),
    },
  };
}

export interface OutreachPlan {
  asOf: IsoDate;
  messages: PlannedMessage[];
  held: Extract<OutreachDecision, { outcome: 'held' }>[];
  manual: Extract<OutreachDecision, { outcome: 'manual' }>[];
}

/** One decision per customer (the first candidate of a customer wins; the tier lists each once). */
export function planOutreach(
  candidates: readonly OutreachCandidate[],
  asOf: IsoDate,
  rules: OutreachRules,
): OutreachPlan {
  const plan: OutreachPlan = { asOf, messages: [], held: [], manual: [] };
  const seen = new Set<number>();
  for (const c of candidates) {
    if (seen.has(c.customerId)) continue;
    seen.add(c.customerId);
    const d = decideOutreach(c, asOf, rules);
    if (d.outcome === 'send') plan.messages.push(d.message);
    else if (d.outcome === 'held') plan.held.push(d);
    else plan.manual.push(d);
  }
  return plan;
}
