// Promises due in the lookback window that were broken: the facts of the broken-promise alert.
import type { PromiseFact } from '../../domain/alerts/broken-promise.ts';
import type { AlertThresholds } from '../../domain/alerts/thresholds.ts';
import type { IsoDate } from '../../domain/calendar.ts';
import { toBaseSql } from '../fx-rates.ts';
import type { SqlConn } from '../sql.ts';
import { cents, centsList } from './money-text.ts';

type PromiseRow = {
  id: number;
  customer_id: number;
  code: string;
  name: string;
  status: 'open' | 'broken';
  amount: string;
  currency: string;
  promised_on: string;
  due_on: string;
  covered: string;
  broken_before: number;
  recent: string | null;
};

/**
 * Promises due in the lookback window that are broken, or open past their date + grace. Payments
 * count in the promise's currency: in it as they are, and into a base-currency promise at the rate
 * of their day (as the daily evaluation judges them); others, and any with no rate, not at all.
 */
export async function loadLapsedPromises(
  conn: SqlConn,
  asOf: IsoDate,
  t: AlertThresholds,
  base: string,
): Promise<PromiseFact[]> {
  const paid = `CASE WHEN pay.currency = p.currency THEN pay.amount
                     WHEN p.currency = '${base}' THEN ${toBaseSql('pay.amount', 'pay.currency', 'pay.received_on', base)} END`;
  const rows = await conn.query<PromiseRow>(
    `SELECT p.id, p.customer_id, c.code, c.name, p.status::text AS status, p.amount::text, p.currency,
            (i.occurred_at AT TIME ZONE 'UTC')::date::text AS promised_on, p.due_on::text,
            CASE WHEN p.status = 'broken' AND p.covered_amount IS NOT NULL THEN p.covered_amount
                 ELSE coalesce((SELECT sum(${paid}) FROM payments pay
                                 WHERE pay.customer_id = p.customer_id
                                   AND pay.received_on >= (i.occurred_at AT TIME ZONE 'UTC')::date
                                   AND pay.received_on <= p.due_on + $2::int), 0) END::text AS covered,
            (SELECT count(*) FROM promises q
              WHERE q.customer_id = p.customer_id AND q.due_on > $1::date - 90 AND q.due_on <= p.due_on
                AND (q.status = 'broken' OR (q.status = 'open' AND q.due_on + $2::int < $1::date)))::int AS broken_before,
            (SELECT string_agg(q.amount::text, ',' ORDER BY q.due_on, q.id) FROM promises q
              WHERE q.customer_id = p.customer_id AND q.due_on > $1::date - 180 AND q.due_on <= p.due_on) AS recent
       FROM promises p
       JOIN customers c ON c.id = p.customer_id
       JOIN interactions i ON i.id = p.interaction_id
      WHERE p.due_on >= $1::date - $3::int AND p.due_on + $2::int < $1::date
        AND p.status IN ('broken', 'open')
      ORDER BY p.due_on, p.id`,
    [asOf, t.promiseGraceDays, t.promiseLookbackDays],
  );
  return rows.map((r) => ({
    promiseId: r.id,
    customer: { id: r.customer_id, code: r.code, name: r.name },
    status: r.status,
    amountCents: cents(r.amount),
    currency: r.currency,
    promisedOn: r.promised_on,
    dueOn: r.due_on,
    coveredCents: cents(r.covered),
    brokenBefore: r.broken_before,
    recentPromisesCents: centsList(r.recent),
  }));
}
