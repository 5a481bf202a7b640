// Promises to pay and payment plans (a plan's instalments are promises): written by a logged call,
// cancelled by its undo, judged kept or broken by the daily evaluation.
import { decimalFromCents } from '../domain/money.ts';
import type { SqlConn } from './sql.ts';
import type { Who } from './who.ts';

export interface NewPromise {
  customerId: number;
  collectorId: number;
  interactionId: number;
  amountCents: number;
  /** The currency of the money it covers (the account currency: see accountCurrencySql). */
  currency: string;
  dueOn: string;
}

export async function insertPromise(tx: SqlConn, p: NewPromise, who: Who): Promise<void> {
  await tx.query(
    `INSERT INTO promises (customer_id, collector_id, interaction_id, amount, currency, due_on, actor, source)
     VALUES ($1, $2, $3, $4::numeric, $8, $5::date, $6, $7)`,
    [
      p.customerId,
      p.collectorId,
      p.interactionId,
      decimalFromCents(p.amountCents),
      p.dueOn,
      who.actor,
      who.source,
      p.currency,
    ],
  );
}

export async function insertPlan(
  tx: SqlConn,
  plan: {
    customerId: number;
    collectorId: number;
    interactionId: number;
    totalCents: number;
    currency: string;
    frequency: string;
    startOn: string;
    instalments: readonly { no: number; amountCents: number; dueOn: string }[];
  },
  who: Who,
): Promise<void> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO payment_plans (customer_id, interaction_id, total, currency, instalments, frequency, start_on, actor, source)
     VALUES ($1, $2, $3::numeric, $9, $4, $5::"PlanFrequency", $6::date, $7, $8) RETURNING id`,
    [
      plan.customerId,
      plan.interactionId,
      decimalFromCents(plan.totalCents),
      plan.instalments.length,
      plan.frequency,
      plan.startOn,
      who.actor,
      who.source,
      plan.currency,
    ],
  );
  for (const i of plan.instalments)
    await tx.query(
      `INSERT INTO promises (customer_id, collector_id, interaction_id, plan_id, instalment_no, amount, currency, due_on, actor, source)
       VALUES ($1, $2, $3, $4, $5, $6::numeric, $10, $7::date, $8, $9)`,
      [
        plan.customerId,
        plan.collectorId,
        plan.interactionId,
        row!.id,
        i.no,
        decimalFromCents(i.amountCents),
        i.dueOn,
        who.actor,
        who.source,
        plan.currency,
      ],
    );
}

/** Cancels the open promises and the plan a logged call made (its undo). */
export async function cancelPromisesOf(tx: SqlConn, interactionId: number, who: Who): Promise<void> {
  await tx.query(
    `UPDATE promises SET status = 'cancelled', actor = $2, source = $3, updated_at = now()
      WHERE interaction_id = $1 AND status = 'open'`,
    [interactionId, who.actor, who.source],
  );
  await tx.query(
    `UPDATE payment_plans SET status = 'cancelled', actor = $2, source = $3, updated_at = now() WHERE interaction_id = $1`,
    [interactionId, who.actor, who.source],
  );
}

/** Promises judged kept and broken that fell due in the `days` before `today`. */
export async function promiseRecord(
  conn: SqlConn,
  customerId: number,
  today: string,
  days: number,
): Promise<{ kept: number; broken: number }> {
  const [row] = await conn.query<{ kept: number; broken: number }>(
    `SELECT count(*) FILTER (WHERE status = 'kept')::int AS kept, count(*) FILTER (WHERE status = 'broken')::int AS broken
       FROM promises WHERE customer_id = $1 AND due_on >= $2::date - $3::int AND due_on <= $2::date`,
    [customerId, today, days],
  );
  return row ?? { kept: 0, broken: 0 };
}

export interface OpenPromise {
  amount: string;
  currency: string;
  dueOn: string;
}

/** Open promises outside plans, soonest first. */
export async function openPromises(conn: SqlConn, customerId: number, limit: number): Promise<OpenPromise[]> {
  const rows = await conn.query<{ amount: string; currency: string; due_on: string }>(
    `SELECT amount::text AS amount, currency, due_on::text AS due_on FROM promises
      WHERE customer_id = $1 AND status = 'open' AND plan_id IS NULL ORDER BY due_on LIMIT $2`,
    [customerId, limit],
  );
  return rows.map((p) => ({ amount: p.amount, currency: p.currency, dueOn: p.due_on }));
}

export interface ActivePlan {
  total: string;
  currency: string;
  instalments: number;
  frequency: string;
  kept: number;
  broken: number;
  nextDue: string | null;
  nextAmount: string | null;
}

export async function activePlans(conn: SqlConn, customerId: number): Promise<ActivePlan[]> {
  const rows = await conn.query<{
    total: string;
    currency: string;
    instalments: number;
    frequency: string;
    kept: number;
    next_due: string | null;
    next_amount: string | null;
    broken: number;
  }>(
    `SELECT p.total::text AS total, p.currency, p.instalments, p.frequency::text AS frequency,
            count(*) FILTER (WHERE q.status = 'kept')::int AS kept,
            count(*) FILTER (WHERE q.status = 'broken')::int AS broken,
            min(q.due_on) FILTER (WHERE q.status = 'open')::text AS next_due,
            (array_agg(q.amount::text ORDER BY q.due_on) FILTER (WHERE q.status = 'open'))[1] AS next_amount
       FROM payment_plans p JOIN promises q ON q.plan_id = p.id
      WHERE p.customer_id = $1 AND p.status = 'active' GROUP BY p.id ORDER BY p.id`,
    [customerId],
  );
  return rows.map((p) => ({
    total: p.total,
    currency: p.currency,
    instalments: p.instalments,
    frequency: p.frequency,
    kept: p.kept,
    broken: p.broken,
    nextDue: p.next_due,
    nextAmount: p.next_amount,
  }));
}

export interface PromiseListRow {
  code: string;
  name: string;
  amount: string;
  dueOn: string;
  instalmentNo: number | null;
  by: string;
  currency: string;
}

/**
 * Open promises soonest first: the collector's (logged by them or on their accounts), only those
 * past their date, or the team's. At most `limit`.
 */
export async function openPromiseList(
  conn: SqlConn,
  q: { scope: 'mine' | 'overdue' | 'all'; collectorId: number; today: string; limit: number },
): Promise<PromiseListRow[]> {
  const rows = await conn.query<{
    code: string;
    name: string;
    amount: string;
    due_on: string;
    instalment_no: number | null;
    by: string;
    currency: string;
  }>(
    `SELECT c.code, c.name, p.amount::text AS amount, p.due_on::text AS due_on, p.instalment_no, p.actor AS by,
            p.currency
       FROM promises p JOIN customers c ON c.id = p.customer_id
      WHERE p.status = 'open'
        AND ($1 = 'all' OR p.collector_id = $2 OR c.collector_id = $2)
        AND ($1 <> 'overdue' OR p.due_on < $3::date)
      ORDER BY p.due_on, c.code LIMIT $4`,
    [q.scope, q.collectorId, q.today, q.limit],
  );
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    amount: r.amount,
    dueOn: r.due_on,
    instalmentNo: r.instalment_no,
    by: r.by,
    currency: r.currency,
  }));
}
