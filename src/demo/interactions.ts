// The call history of one demo customer: ordinary calls on accounts that run late, a kept promise,
// and the interactions its planted behaviour needs (broken promises, disputes, a callback due
// today, unanswered calls). Shared by every profile of the demo.
import { addDays, daysBetween, type IsoDate } from '../domain/calendar.ts';
import { decimalFromCents as money } from '../domain/money.ts';
import type { Sequences } from './ledger.ts';
import { CALL_NOTES, DISPUTE_REASONS } from './names.ts';
import type { Rng } from './random.ts';
import type { DemoBatch, InteractionRow, InvoiceRow, Planted } from './rows.ts';

export interface InteractionContext {
  id: number;
  /** Its planted behaviour, if any. */
  role: Planted | null;
  /** Collectors have been calling it about its overdue invoices. */
  chased: boolean;
  /** It makes promises to pay (and keeps them). */
  promises: boolean;
  collectorId: number | null;
  actor: string;
  invoices: InvoiceRow[];
  today: IsoDate;
  rng: Rng;
}

export function generateInteractions(c: InteractionContext, seq: Sequences, out: DemoBatch): void {
  const { today, rng } = c;
  const at = (date: IsoDate, hour: number) =>
    `${date}T${String(hour).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00.000Z`;
  const log = (row: Omit<InteractionRow, 'id' | 'customerId' | 'collectorId' | 'actor'>) => {
    const id = ++seq.interaction;
    out.interactions.push({ id, customerId: c.id, collectorId: c.collectorId, actor: c.actor, ...row });
    return id;
  };
  const overdue = c.invoices.filter((inv) => inv.status === 'open' && daysBetween(inv.dueDate, today) > 0);
  const overdueCents = overdue.reduce((s, inv) => s + Math.round(Number(inv.openAmount) * 100), 0);

  // Ordinary call history for accounts that run late.
  if (overdue.length && c.chased) {
    for (let k = 0; k < rng.int(1, 3); k++) {
      const date = addDays(today, -rng.int(8, 80));
      const outcome = rng.pick(['voicemail', 'note', 'no_answer'] as const);
      log({
        occurredAt: at(date, rng.int(14, 21)),
        outcome,
        note: outcome === 'note' ? rng.pick(CALL_NOTES) : null,
        amount: null,
        onDate: null,
        invoiceId: null,
      });
    }
  }

  // A kept promise: a payment arrived by the promised date.
  const paidRecently = c.invoices.find(
    (inv) => inv.paidOn && daysBetween(inv.paidOn, today) > 10 && daysBetween(inv.paidOn, today) < 120,
  );
  if (paidRecently?.paidOn && c.promises && rng.chance(0.5)) {
    const promisedOn = addDays(paidRecently.paidOn, -rng.int(3, 9));
    const dueOn = addDays(paidRecently.paidOn, rng.int(0, 2));
    const iid = log({
      occurredAt: at(promisedOn, 15),
      outcome: 'promised',
      note: null,
      amount: paidRecently.amount,
      onDate: dueOn,
      invoiceId: paidRecently.id,
    });
    out.promises.push({
      id: ++seq.promise,
      customerId: c.id,
      collectorId: c.collectorId,
      interactionId: iid,
      amount: paidRecently.amount,
      dueOn,
      status: 'kept',
      coveredAmount: paidRecently.amount,
      actor: c.actor,
    });
  }

  if (c.role === 'broken_promise' && overdueCents > 0) {
    // Two promises, neither kept: escalate now, not at the next age step.
    for (const [made, due] of [
      [40, 30],
      [14, 6],
    ] as const) {
      const amount = money(Math.round(overdueCents / 2));
      const iid = log({
        occurredAt: at(addDays(today, -made), 16),
        outcome: 'promised',
        note: 'AP promised a payment',
        amount,
        onDate: addDays(today, -due),
        invoiceId: null,
      });
      out.promises.push({
        id: ++seq.promise,
        customerId: c.id,
        collectorId: c.collectorId,
        interactionId: iid,
        amount,
        dueOn: addDays(today, -due),
        status: 'broken',
        coveredAmount: '0.00',
        actor: c.actor,
      });
    }
  }

  if (c.role === 'dispute') {
    for (const inv of c.invoices.filter((i) => i.status === 'open').slice(-2)) {
      inv.disputed = true;
      const reason = rng.pick(DISPUTE_REASONS);
      const raisedAfter = Math.min(rng.int(5, 20), Math.max(0, daysBetween(inv.issueDate, today) - 1));
      const openedAt = at(addDays(inv.issueDate, raisedAfter), 15);
      const iid = log({
        occurredAt: openedAt,
        outcome: 'disputed',
        note: reason,
        amount: null,
        onDate: null,
        invoiceId: inv.id,
      });
      out.disputes.push({
        id: ++seq.dispute,
        customerId: c.id,
        invoiceId: inv.id,
        interactionId: iid,
        reason,
        openedAt,
        actor: c.actor,
      });
    }
  }

  if (c.role === 'callback_today') {
    log({
      occurredAt: at(addDays(today, -3), 17),
      outcome: 'callback',
      note: 'controller asked to call back',
      amount: null,
      onDate: today,
      invoiceId: null,
    });
  }

  if (c.role === 'no_answer_streak') {
    for (const daysAgo of [12, 8, 4]) {
      log({
        occurredAt: at(addDays(today, -daysAgo), rng.int(14, 20)),
        outcome: 'no_answer',
        note: null,
        amount: null,
        onDate: null,
        invoiceId: null,
      });
    }
  }
}
