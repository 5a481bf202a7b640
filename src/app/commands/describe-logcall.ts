// What a recorded call reads like, in words: the reply title, facts and lines.
import { customerLabel, formatDay } from '../../domain/grammar/format.ts';
import type { LogcallIntent } from '../../domain/grammar/intent.ts';
import type { Cents } from '../../domain/money.ts';
import { moneyText } from '../../domain/money-text.ts';
import type { CustomerBrief } from '../../store/customers.ts';
import type { Reply, ReplyFact } from '../reply.ts';
import type { InvoiceRef } from './account-facts.ts';
import type { CommandActor } from './actor.ts';
import { undoAction } from './replies.ts';

export interface Recorded {
  interactionId: number;
  actor: CommandActor;
  customer: CustomerBrief;
  intent: LogcallIntent;
  /** The promise amount after defaulting to the overdue balance. */
  amountCents: Cents | null;
  amountDefaulted: boolean;
  invoices: InvoiceRef[];
}

/** The reply to a recorded call; amounts stay in the account's currency, written in `locale`. */
export function recordedReply(r: Recorded, locale: string): Reply {
  const { intent, customer } = r;
  const who = customerLabel(customer);
  const money = (c: Cents) => moneyText(c, customer.currency, locale);
  const on = intent.date ? formatDay(intent.date) : '';
  const facts: ReplyFact[] = [{ label: 'Customer', value: who }];
  const lines: string[] = [];
  let title: string;
  switch (intent.outcome) {
    case 'promised':
      title = `${who} promised ${money(r.amountCents!)} by ${on}`;
      if (r.amountDefaulted) lines.push('No amount was said, so the promise is for the overdue balance.');
      facts.push({ label: 'Promised', value: money(r.amountCents!) }, { label: 'By', value: on });
      break;
    case 'plan': {
      const plan = intent.plan!;
      title = `${who} agreed a payment plan: ${money(plan.totalCents)} in ${plan.count} ${plan.frequency} instalments from ${on}`;
      lines.push('Each instalment is a promise, kept or broken on its own.');
      break;
    }
    case 'disputed':
      title = r.invoices.length
        ? `${who} disputes ${r.invoices.map((i) => i.number).join(', ')} — dunning paused on ${r.invoices.length === 1 ? 'it' : 'them'}`
        : `${who} disputes the account`;
      if (r.invoices.length)
        facts.push({ label: 'Invoices', value: r.invoices.map((i) => i.number).join(', ') });
      break;
    case 'no_answer':
      title = `No answer from ${who}`;
      break;
    case 'voicemail':
      title = `Left a voicemail for ${who}`;
      break;
    case 'paid':
      title = `${who} says it paid${r.intent.amountCents !== null ? ` ${money(r.intent.amountCents)}` : ''} on ${on}${intent.reference ? ` (ref ${intent.reference})` : ''}`;
      lines.push('Recorded as a claimed payment: it counts once the ledger shows it.');
      if (intent.amountCents !== null) facts.push({ label: 'Amount', value: money(intent.amountCents) });
      if (intent.reference) facts.push({ label: 'Reference', value: intent.reference });
      break;
    case 'callback':
      title = `Call ${who} back on ${on}${intent.time ? ` at ${intent.time}` : ''}`;
      break;
    case 'wrong_number':
      title = `Wrong number for ${who}`;
      lines.push('Update the contact in the ERP so the next import fixes the sheet.');
      break;
    case 'note':
      title = `Note on ${who}`;
      break;
  }
  if (intent.note)
    facts.push({ label: intent.outcome === 'disputed' ? 'Reason' : 'Note', value: intent.note });
  const owner = customer.collector;
  if (!owner) lines.push(`${customer.name} has no collector assigned.`);
  else if (owner.id !== r.actor.id)
    lines.push(`${customer.name} is ${owner.name}'s account; logged as a covering call.`);
  return {
    tone: 'ok',
    title: `Recorded: ${title}`,
    ...(lines.length ? { lines } : {}),
    facts,
    ...(intent.plan
      ? {
          table: {
            columns: ['#', 'Due', 'Amount'],
            rows: intent.plan.instalments.map((i) => [
              String(i.no),
              formatDay(i.dueOn),
              money(i.amountCents),
            ]),
          },
        }
      : {}),
    actions: [undoAction(r.interactionId)],
    private: true,
  };
}
