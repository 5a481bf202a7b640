// What the daily promise evaluation reads and writes: the open promises (locked, so two replicas
// cannot judge one twice) with the kept ones that may share their payments, the payments received
// meanwhile, and the verdicts — a plan breaks with its first broken instalment and completes when
// every one is kept.
import type { SqlConn } from './sql.ts';

export interface PromiseToJudge {
  id: number;
  customer_id: number;
  amount: string;
  currency: string;
  made_on: string;
  due_on: string;
  status: 'open' | 'kept';
}

export async function lockPromisesToJudge(tx: SqlConn): Promise<PromiseToJudge[]> {
  return tx.query<PromiseToJudge & Record<string, unknown>>(
    `SELECT p.id, p.customer_id, p.amount::text AS amount, p.currency, p.due_on::text AS due_on, p.status::text AS status,
            least(p.created_at, i.occurred_at)::date::text AS made_on
       FROM promises p JOIN interactions i ON i.id = p.interaction_id
      WHERE p.customer_id IN (SELECT customer_id FROM promises WHERE status = 'open')
        AND (p.status = 'open' OR (p.status = 'kept' AND p.due_on >= (SELECT min(due_on) - 90 FROM promises WHERE status = 'open')))
      ORDER BY p.id FOR UPDATE OF p`,
  );
}

export async function paymentsBetween(
  tx: SqlConn,
  customerIds: readonly number[],
  from: string,
  to: string,
): Promise<{ customer_id: number; received_on: string; amount: string; currency: string }[]> {
  return tx.query<{ customer_id: number; received_on: string; amount: string; currency: string }>(
    `SELECT customer_id, received_on::text AS received_on, amount::text AS amount, currency FROM payments
      WHERE customer_id = ANY($1::int[]) AND received_on BETWEEN $2::date AND $3::date`,
    [[...customerIds], from, to],
  );
}

/** One set-based update; a verdict is recorded as the system's, an open promise keeps its author. */
export async function recordVerdicts(
  tx: SqlConn,
  v: { ids: readonly number[]; statuses: readonly string[]; covered: readonly string[] },
): Promise<void> {
  await tx.query(
    `UPDATE promises p SET status = v.status::"PromiseStatus", covered_amount = v.covered, evaluated_at = now(),
            actor = CASE WHEN v.status = 'open' THEN p.actor ELSE 'system' END,
            source = CASE WHEN v.status = 'open' THEN p.source ELSE 'scheduler' END, updated_at = now()
       FROM unnest($1::int[], $2::text[], $3::numeric[]) AS v(id, status, covered)
      WHERE p.id = v.id`,
    [[...v.ids], [...v.statuses], [...v.covered]],
  );
  await tx.query(
    `UPDATE payment_plans p SET status = CASE WHEN EXISTS (SELECT 1 FROM promises q WHERE q.plan_id = p.id AND q.status = 'broken')
                                              THEN 'broken'::"PlanStatus" ELSE 'completed'::"PlanStatus" END,
            actor = 'system', source = 'scheduler', updated_at = now()
      WHERE p.status = 'active'
        AND (EXISTS (SELECT 1 FROM promises q WHERE q.plan_id = p.id AND q.status = 'broken')
             OR NOT EXISTS (SELECT 1 FROM promises q WHERE q.plan_id = p.id AND q.status <> 'kept'))`,
  );
}
