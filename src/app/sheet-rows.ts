// Turns the engine's plan into the sheet view models every surface renders.
import type { IsoDate } from '../domain/calendar.ts';
import type { CurrencyAmount } from '../domain/money-text.ts';
import { daysFrom } from '../domain/policy/days.ts';
import type { Explanation } from '../domain/policy/explain-account.ts';
import { pickContact } from '../domain/policy/pick-contact.ts';
import type { AgencyEntry, PlannedAccount } from '../domain/policy/plan-day.ts';
import { isEscalationStep } from '../domain/policy/treatment.ts';
import type { ContactRow, CurrencyBalance } from '../store/sheet-inputs.ts';
import type { AgencyRow, AutomatedRow, SheetAction, SheetContact, SheetRow } from './sheet-model.ts';

export function oldestDaysPastDue(p: PlannedAccount, asOf: IsoDate): number {
  return p.account.oldestDueDate ? Math.max(0, daysFrom(p.account.oldestDueDate, asOf)) : 0;
}

/** What the store adds for the rows that are shown (not needed to rank them). */
export interface RowDetails {
  contacts: Map<number, ContactRow[]>;
  invoices: Map<number, string[]>;
}

function contactFor(p: PlannedAccount, contacts: Map<number, ContactRow[]>): SheetContact | null {
  const c = pickContact(contacts.get(p.account.customerId) ?? [], p.treatment.contactRole);
  return c
    ? { name: c.name, role: c.role, phone: c.phone, email: c.email, preferredChannel: c.preferredChannel }
    : null;
}

/** Monthly days-to-pay for the sparkline: months with no payment repeat the month before. */
export function payTrend(monthly: readonly (number | null)[]): number[] {
  const out: number[] = [];
  let last: number | null = null;
  for (const v of monthly) {
    if (v !== null) last = v;
    if (last !== null) out.push(Math.round(last));
  }
  return out;
}

function action(p: PlannedAccount, channel: SheetAction['channel']): SheetAction {
  return {
    step: p.treatment.step,
    label: channel === 'call' ? p.treatment.callLabel : p.treatment.letterLabel,
    channel,
    escalated: p.treatment.escalated,
  };
}

/** A row's overdue money per currency. */
export function overdueAmounts(balances: readonly CurrencyBalance[]): CurrencyAmount[] {
  return balances.map((b) => ({ currency: b.currency, cents: b.overdueCents }));
}

export function isEscalation(a: SheetAction): boolean {
  return a.escalated || isEscalationStep(a.step);
}

export function toSheetRow(
  p: PlannedAccount,
  rank: number,
  asOf: IsoDate,
  details: RowDetails & {
    explanation: Explanation;
    monthlyAvgDays: readonly (number | null)[];
    /** The sheet's holder, and every collector's code: a row of another's account says whose. */
    holderId: number;
    collectorCodes: Map<number, string>;
    /** Each account's money per currency (its own), and the base it falls back to. */
    balances: Map<number, CurrencyBalance[]>;
    base: string;
  },
): SheetRow {
  const a = p.account;
  return {
    balances: details.balances.get(a.customerId) ?? [
      { currency: details.base, openCents: a.openCents, overdueCents: a.overdueCents },
    ],
    rank,
    customer: { id: a.customerId, code: a.code, name: a.name },
    expectedLateCents: p.lateness.expectedLateCents,
    lateProbability: p.lateness.probability,
    score: details.explanation.score,
    overdueCents: a.overdueCents,
    openCents: a.openCents,
    oldestDaysPastDue: oldestDaysPastDue(p, asOf),
    invoiceNumbers: details.invoices.get(a.customerId) ?? a.overdueInvoices,
    action: action(p, 'call'),
    contact: contactFor(p, details.contacts),
    reasons: details.explanation.reasons,
    trend: payTrend(details.monthlyAvgDays),
    pinned: a.pinned,
    reserved: p.reserved !== undefined,
    lentFrom:
      a.collectorId !== null && a.collectorId !== details.holderId
        ? (details.collectorCodes.get(a.collectorId) ?? null)
        : null,
  };
}

export function toAutomatedRow(
  p: PlannedAccount & { overCapacity: boolean },
  asOf: IsoDate,
  details: RowDetails,
  collectorCodes: Map<number, string>,
): AutomatedRow {
  const a = p.account;
  return {
    customer: { id: a.customerId, code: a.code, name: a.name },
    overdueCents: a.overdueCents,
    openCents: a.openCents,
    oldestDaysPastDue: oldestDaysPastDue(p, asOf),
    invoiceNumbers: details.invoices.get(a.customerId) ?? a.overdueInvoices,
    action: action(p, 'automated'),
    contact: contactFor(p, details.contacts),
    collectorCode: a.collectorId === null ? null : (collectorCodes.get(a.collectorId) ?? null),
    overCapacity: p.overCapacity,
  };
}

export function toAgencyRow(
  e: AgencyEntry,
  onSheet: boolean,
  collectorCodes: Map<number, string>,
): AgencyRow {
  const a = e.planned.account;
  return {
    customer: { id: a.customerId, code: a.code, name: a.name },
    agencyCents: e.cents,
    openCents: a.openCents,
    invoices: e.invoices,
    oldestDaysPastDue: e.oldestDaysPastDue,
    label: e.label,
    collectorCode: a.collectorId === null ? null : (collectorCodes.get(a.collectorId) ?? null),
    onSheet,
  };
}
