// `account <customer>`: what a collector needs before dialling — balance and aging, promises,
// plan, disputes, hold, the last calls and whom to call.
import { todayIn } from '../../domain/calendar.ts';
import { customerLabel, formatDay } from '../../domain/grammar/format.ts';
import { centsFromDecimal, formatMoney } from '../../domain/money.ts';
import type { SqlConn } from '../../store/sql.ts';
import { assessAccount } from '../assess-account.ts';
import type { AppDeps } from '../deps.ts';
import type { Reply } from '../reply.ts';
import type { CommandActor } from './actor.ts';
import { customerChoiceReply } from './choices.ts';
import { findCustomer } from './customers.ts';

const BUCKETS = ['current', 'd1_30', 'd31_60', 'd61_90', 'd90'] as const;
/** The oldest open invoices listed with their late probability (the rest are in the aging). */
const INVOICES_SHOWN = 8;

export async function showAccount(deps: AppDeps, actor: CommandActor, ref: string): Promise<Reply> {
  const conn = deps.store.sql;
  const found = await findCustomer(conn, ref);
  if (!found.ok) return customerChoiceReply(found, (code) => `account ${code}`);
  const id = found.customer.id;
  const today = todayIn(actor.timeZone, deps.now());
  const [c] = await conn.query<{
    code: string;
    name: string;
    collector: string | null;
    credit_limit: string | null;
    terms_days: number;
    notes: string | null;
    currency: string | null;
  }>(
    `SELECT c.code, c.name, k.name AS collector, c.credit_limit::text AS credit_limit, c.terms_days, c.notes,
            (SELECT currency FROM invoices i WHERE i.customer_id = c.id ORDER BY issue_date DESC LIMIT 1)::text AS currency
       FROM customers c LEFT JOIN collectors k ON k.id = c.collector_id WHERE c.id = $1`,
    [id],
  );
  const currency = c!.currency?.trim() || 'USD';
  const money = (s: string | null | undefined) => formatMoney(centsFromDecimal(s ?? '0'), currency);
  const [aging] = await conn.query<
    Record<(typeof BUCKETS)[number] | 'open' | 'overdue' | 'disputed', string>
  >(
    `SELECT coalesce(sum(open_amount), 0)::text AS open,
            coalesce(sum(open_amount) FILTER (WHERE due_date < $2::date), 0)::text AS overdue,
            coalesce(sum(open_amount) FILTER (WHERE disputed), 0)::text AS disputed,
            coalesce(sum(open_amount) FILTER (WHERE due_date >= $2::date), 0)::text AS current,
            coalesce(sum(open_amount) FILTER (WHERE $2::date - due_date BETWEEN 1 AND 30), 0)::text AS d1_30,
            coalesce(sum(open_amount) FILTER (WHERE $2::date - due_date BETWEEN 31 AND 60), 0)::text AS d31_60,
            coalesce(sum(open_amount) FILTER (WHERE $2::date - due_date BETWEEN 61 AND 90), 0)::text AS d61_90,
            coalesce(sum(open_amount) FILTER (WHERE $2::date - due_date > 90), 0)::text AS d90
       FROM invoices WHERE customer_id = $1 AND status = 'open'`,
    [id, today],
  );
  const facts = [
    { label: 'Collector', value: c!.collector ?? 'unassigned' },
    { label: 'Open', value: money(aging!.open) },
    { label: 'Overdue', value: money(aging!.overdue) },
    { label: 'In dispute', value: money(aging!.disputed) },
    { label: 'Credit limit', value: c!.credit_limit ? money(c!.credit_limit) : 'none' },
    { label: 'Terms', value: `${c!.terms_days} days` },
  ];
  const hold = await currentHold(conn, id);
  if (hold) facts.push({ label: 'Credit hold', value: hold });
  const [record] = await conn.query<{ kept: number; broken: number }>(
    `SELECT count(*) FILTER (WHERE status = 'kept')::int AS kept, count(*) FILTER (WHERE status = 'broken')::int AS broken
       FROM promises WHERE customer_id = $1 AND due_on >= $2::date - 90 AND due_on <= $2::date`,
    [id, today],
  );
  if (record && record.kept + record.broken > 0)
    facts.push({ label: 'Promises (90 days)', value: `${record.kept} kept, ${record.broken} broken` });
  const lines = [
    ...(await promiseLines(conn, id, money)),
    ...(await disputeLines(conn, id)),
    ...(await recentCalls(conn, id)),
    ...(await contactLines(conn, id)),
  ];
  const late = await assessAccount(deps, id, today, actor.timeZone);
  if (late) {
    facts.push({
      label: `Paid > ${late.lateDays} days late`,
      value: `${Math.round(late.lateProbability * 100)}% likely: ${formatMoney(late.expectedLateCents, currency)} expected late`,
    });
    lines.unshift(
      late.reason,
      ...late.invoices
        .slice(0, INVOICES_SHOWN)
        .map(
          (i) =>
            `${i.number}: ${formatMoney(i.openCents, currency)}, ${i.daysPastDue > 0 ? `${i.daysPastDue} days past due` : `due in ${-i.daysPastDue} days`} — ${i.agency ? 'at the agency step' : `${Math.round(i.lateProbability * 100)}% likely late`}`,
        ),
    );
  }
  if (c!.notes) lines.push(`Notes: ${c!.notes}`);
  return {
    tone: 'info',
    title: `${customerLabel(c!)}: ${money(aging!.open)} open, ${money(aging!.overdue)} overdue`,
    facts,
    table: {
      columns: ['Current', '1–30 days', '31–60', '61–90', '90+'],
      rows: [BUCKETS.map((b) => money(aging![b]))],
    },
    lines,
    private: true,
  };
}

async function currentHold(conn: SqlConn, id: number): Promise<string | null> {
  const [h] = await conn.query<{ placed_by: string; placed_at: string; reason: string | null }>(
    `SELECT placed_by, placed_at::text AS placed_at, reason FROM credit_holds
      WHERE customer_id = $1 AND released_at IS NULL ORDER BY placed_at DESC LIMIT 1`,
    [id],
  );
  return h
    ? `on hold since ${formatDay(h.placed_at.slice(0, 10))} by ${h.placed_by}${h.reason ? ` (${h.reason})` : ''}`
    : null;
}

async function promiseLines(conn: SqlConn, id: number, money: (s: string) => string): Promise<string[]> {
  const rows = await conn.query<{
    amount: string;
    due_on: string;
    plan_id: number | null;
    instalment_no: number | null;
  }>(
    `SELECT amount::text AS amount, due_on::text AS due_on, plan_id, instalment_no FROM promises
      WHERE customer_id = $1 AND status = 'open' AND plan_id IS NULL ORDER BY due_on LIMIT 5`,
    [id],
  );
  const lines = rows.map((p) => `Promise: ${money(p.amount)} by ${formatDay(p.due_on)}`);
  const plans = await conn.query<{
    total: string;
    instalments: number;
    frequency: string;
    kept: number;
    next_due: string | null;
    next_amount: string | null;
    broken: number;
  }>(
    `SELECT p.total::text AS total, p.instalments, p.frequency::text AS frequency,
            count(*) FILTER (WHERE q.status = 'kept')::int AS kept,
            count(*) FILTER (WHERE q.status = 'broken')::int AS broken,
            min(q.due_on) FILTER (WHERE q.status = 'open')::text AS next_due,
            (array_agg(q.amount::text ORDER BY q.due_on) FILTER (WHERE q.status = 'open'))[1] AS next_amount
       FROM payment_plans p JOIN promises q ON q.plan_id = p.id
      WHERE p.customer_id = $1 AND p.status = 'active' GROUP BY p.id ORDER BY p.id`,
    [id],
  );
  for (const p of plans) {
    const next = p.next_due ? `; next ${money(p.next_amount!)} on ${formatDay(p.next_due)}` : '';
    lines.push(
      `Plan: ${money(p.total)} in ${p.instalments} ${p.frequency} instalments — ${p.kept} kept${p.broken ? `, ${p.broken} broken` : ''}${next}`,
    );
  }
  return lines;
}

async function disputeLines(conn: SqlConn, id: number): Promise<string[]> {
  const rows = await conn.query<{ number: string | null; reason: string | null; opened: string }>(
    `SELECT i.number, d.reason, d.opened_at::date::text AS opened FROM disputes d
       LEFT JOIN invoices i ON i.id = d.invoice_id
      WHERE d.customer_id = $1 AND d.status = 'open' ORDER BY d.opened_at DESC LIMIT 5`,
    [id],
  );
  return rows.map(
    (d) =>
      `Dispute: ${d.number ?? 'the account'}${d.reason ? ` — ${d.reason}` : ''} (since ${formatDay(d.opened)})`,
  );
}

async function recentCalls(conn: SqlConn, id: number): Promise<string[]> {
  const rows = await conn.query<{
    day: string;
    outcome: string;
    actor: string;
    note: string | null;
    undone: boolean;
  }>(
    `SELECT i.occurred_at::date::text AS day, i.outcome::text AS outcome, i.actor, i.note,
            EXISTS (SELECT 1 FROM interactions u WHERE u.corrects_id = i.id) AS undone
       FROM interactions i WHERE i.customer_id = $1 AND i.outcome <> 'undo'
      ORDER BY i.occurred_at DESC, i.id DESC LIMIT 5`,
    [id],
  );
  return rows.map(
    (r) =>
      `Call ${formatDay(r.day)}: ${r.outcome.replace('_', ' ')} (${r.actor})${r.note ? ` — ${r.note}` : ''}${r.undone ? ' [undone]' : ''}`,
  );
}

async function contactLines(conn: SqlConn, id: number): Promise<string[]> {
  const rows = await conn.query<{
    name: string;
    role: string;
    phone: string | null;
    email: string | null;
    preferred: string;
  }>(
    `SELECT name, role::text AS role, phone, email, preferred_channel::text AS preferred FROM contacts
      WHERE customer_id = $1 ORDER BY "primary" DESC, name LIMIT 4`,
    [id],
  );
  return rows.map(
    (r) =>
      `Contact: ${r.name} (${r.role.toUpperCase()}) ${[r.phone, r.email].filter(Boolean).join(' · ')} — prefers ${r.preferred}`,
  );
}
