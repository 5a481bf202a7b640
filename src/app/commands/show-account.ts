// `account <customer>`: what a collector needs before dialling — balance and aging, promises,
// plan, disputes, hold, the last calls and whom to call.
import { todayIn } from '../../domain/calendar.ts';
import { customerLabel, formatDay } from '../../domain/grammar/format.ts';
import { centsFromDecimal } from '../../domain/money.ts';
import { amountsText, moneyText } from '../../domain/money-text.ts';
import { contactsOf } from '../../store/contacts.ts';
import { accountHeader } from '../../store/customers.ts';
import { openDisputes } from '../../store/disputes.ts';
import { openHold } from '../../store/holds.ts';
import { recentCalls } from '../../store/interactions.ts';
import { AGING_BUCKETS, type Aging, agingOf } from '../../store/invoices.ts';
import { activePlans, openPromises, promiseRecord } from '../../store/promises.ts';
import type { SqlConn } from '../../store/sql.ts';
import { assessAccount } from '../assess-account.ts';
import { readMoneyDisplay } from '../company-settings.ts';
import type { AppDeps } from '../deps.ts';
import { outreachLines } from '../outreach/account-outreach.ts';
import type { Reply } from '../reply.ts';
import type { CommandActor } from './actor.ts';
import { customerChoiceReply } from './choices.ts';
import { findCustomer } from './customers.ts';
import { errorReply } from './replies.ts';

const ZERO_AGING = Object.fromEntries(
  [...AGING_BUCKETS, 'open', 'overdue', 'disputed'].map((k) => [k, '0']),
) as Omit<Aging, 'currency'>;

/** The oldest open invoices listed with their late probability (the rest are in the aging). */
const INVOICES_SHOWN = 8;

export async function showAccount(deps: AppDeps, actor: CommandActor, ref: string): Promise<Reply> {
  const conn = deps.store.sql;
  const found = await findCustomer(conn, ref);
  if (!found.ok) return customerChoiceReply(found, (code) => `account ${code}`);
  const id = found.customer.id;
  const today = todayIn(actor.timeZone, deps.now());
  const c = await accountHeader(conn, id);
  if (!c) return errorReply(`${found.customer.code} is no longer in the account store.`);
  const display = await readMoneyDisplay(conn);
  const base = (cents: number) => moneyText(cents, display.base, display.locale);
  // Per currency: an account with invoices in EUR and USD shows `€… + $…`, never one sum.
  const stored = await agingOf(conn, id, today);
  const aging = stored.length ? stored : [{ ...ZERO_AGING, currency: c.currency }];
  const total = (key: keyof Aging) =>
    amountsText(
      aging.map((a) => ({ currency: a.currency, cents: centsFromDecimal(a[key]) })),
      display,
    );
  const facts = [
    { label: 'Collector', value: c.collector ?? 'unassigned' },
    { label: 'Open', value: total('open') },
    { label: 'Overdue', value: total('overdue') },
    { label: 'In dispute', value: total('disputed') },
    // Limits are base money, like the credit-limit check.
    { label: 'Credit limit', value: c.creditLimit ? base(centsFromDecimal(c.creditLimit)) : 'none' },
    { label: 'Terms', value: `${c.termsDays} days` },
  ];
  const hold = await openHold(conn, id);
  if (hold)
    facts.push({
      label: 'Credit hold',
      value: `on hold since ${formatDay(hold.placedOn)} by ${hold.placedBy}${hold.reason ? ` (${hold.reason})` : ''}`,
    });
  const record = await promiseRecord(conn, id, today, 90);
  if (record.kept + record.broken > 0)
    facts.push({ label: 'Promises (90 days)', value: `${record.kept} kept, ${record.broken} broken` });
  const lines = [
    ...(await promiseLines(conn, id, display.locale)),
    ...(await disputeLines(conn, id)),
    ...(await recentCallLines(conn, id)),
    ...(await contactLines(conn, id)),
    ...(await outreachLines(conn, id)),
  ];
  const late = await assessAccount(deps, id, today, actor.timeZone);
  if (late) {
    facts.push({
      label: `Paid > ${late.lateDays} days late`,
      value: `${Math.round(late.lateProbability * 100)}% likely: ${base(late.expectedLateCents)} expected late`,
    });
    lines.unshift(
      late.reason,
      ...late.invoices
        .slice(0, INVOICES_SHOWN)
        .map(
          (i) =>
            `${i.number}: ${base(i.openCents)}, ${i.daysPastDue > 0 ? `${i.daysPastDue} days past due` : `due in ${-i.daysPastDue} days`} — ${i.agency ? 'at the agency step' : `${Math.round(i.lateProbability * 100)}% likely late`}`,
        ),
    );
  }
  if (c.notes) lines.push(`Notes: ${c.notes}`);
  return {
    tone: 'info',
    title: `${customerLabel(c!)}: ${total('open')} open, ${total('overdue')} overdue`,
    facts,
    table: {
      columns: ['Current', '1–30 days', '31–60', '61–90', '90+'],
      rows: aging.map((a) =>
        AGING_BUCKETS.map((b) => moneyText(centsFromDecimal(a[b]), a.currency, display.locale)),
      ),
    },
    lines,
    private: true,
  };
}

/** Each promise and plan in its own currency. */
async function promiseLines(conn: SqlConn, id: number, locale: string): Promise<string[]> {
  const lines = (await openPromises(conn, id, 5)).map(
    (p) => `Promise: ${moneyText(centsFromDecimal(p.amount), p.currency, locale)} by ${formatDay(p.dueOn)}`,
  );
  for (const p of await activePlans(conn, id)) {
    const money = (s: string) => moneyText(centsFromDecimal(s), p.currency, locale);
    const next = p.nextDue ? `; next ${money(p.nextAmount!)} on ${formatDay(p.nextDue)}` : '';
    lines.push(
      `Plan: ${money(p.total)} in ${p.instalments} ${p.frequency} instalments — ${p.kept} kept${p.broken ? `, ${p.broken} broken` : ''}${next}`,
    );
  }
  return lines;
}

async function disputeLines(conn: SqlConn, id: number): Promise<string[]> {
  return (await openDisputes(conn, id, 5)).map(
    (d) =>
      `Dispute: ${d.invoiceNumber ?? 'the account'}${d.reason ? ` — ${d.reason}` : ''} (since ${formatDay(d.openedOn)})`,
  );
}

async function recentCallLines(conn: SqlConn, id: number): Promise<string[]> {
  return (await recentCalls(conn, id, 5)).map(
    (r) =>
      `Call ${formatDay(r.day)}: ${r.outcome.replace('_', ' ')} (${r.actor})${r.note ? ` — ${r.note}` : ''}${r.undone ? ' [undone]' : ''}`,
  );
}

async function contactLines(conn: SqlConn, id: number): Promise<string[]> {
  return (await contactsOf(conn, id, 4)).map(
    (r) =>
      `Contact: ${r.name} (${r.role.toUpperCase()}) ${[r.phone, r.email].filter(Boolean).join(' · ')} — prefers ${r.preferred}`,
  );
}
