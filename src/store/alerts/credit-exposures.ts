import type { CreditExposure } from '../../domain/alerts/credit-limit.ts';
import type { IsoDate } from '../../domain/calendar.ts';
import { toBaseSql } from '../fx-rates.ts';
import type { SqlConn } from '../sql.ts';
import { cents, centsList } from './money-text.ts';

type ExposureRow = {
  id: number;
  code: string;
  name: string;
  credit_limit: string;
  open_ar: string;
  open_orders: string;
  latest_open_order: number | null;
  monthly: string | null;
};

// Invoiced per 30-day month, oldest first, for the last six: one pass over the customer's invoices,
// each in base money at the rate of its issue day.
const invoicedByMonth = (base: string) =>
  [5, 4, 3, 2, 1, 0]
    .map(
      (m) =>
        `coalesce(sum(${toBaseSql('iv.amount', 'iv.currency', 'iv.issue_date', base)}) FILTER (WHERE ($1::date - iv.issue_date) / 30 = ${m}), 0)::text`,
    )
    .join(', ');

/**
 * Customers whose open receivables plus open orders exceed their credit limit, in base money (limits
 * are in the base currency; receivables and open orders convert at the day's rate, as exposure
 * today). Money in a currency with no rate is left out here: the morning's sheets name the missing rate.
 */
export async function loadCreditExposures(
  conn: SqlConn,
  asOf: IsoDate,
  base: string,
): Promise<CreditExposure[]> {
  const rows = await conn.query<ExposureRow>(
    `WITH ar AS (
       SELECT i.customer_id, sum(${toBaseSql('i.open_amount', 'i.currency', '$1::date', base)}) AS open_ar FROM invoices i
        WHERE i.status = 'open' AND i.open_amount > 0 GROUP BY i.customer_id
     ), oo AS (
       SELECT o.customer_id, sum(${toBaseSql('o.amount', 'o.currency', '$1::date', base)}) AS open_orders, max(o.id) AS latest FROM orders o
        WHERE o.status = 'open' AND o.order_date <= $1::date GROUP BY o.customer_id
     )
     SELECT c.id, c.code, c.name, c.credit_limit::text, coalesce(ar.open_ar, 0)::text AS open_ar,
            coalesce(oo.open_orders, 0)::text AS open_orders, oo.latest AS latest_open_order,
            (SELECT concat_ws(',', ${invoicedByMonth(base)}) FROM invoices iv
              WHERE iv.customer_id = c.id AND iv.issue_date > $1::date - 180 AND iv.issue_date <= $1::date) AS monthly
       FROM customers c
       LEFT JOIN ar ON ar.customer_id = c.id
       LEFT JOIN oo ON oo.customer_id = c.id
      WHERE c.credit_limit > 0 AND coalesce(ar.open_ar, 0) + coalesce(oo.open_orders, 0) > c.credit_limit
      ORDER BY c.id`,
    [asOf],
  );
  return rows.map((r) => ({
    customer: { id: r.id, code: r.code, name: r.name },
    limitCents: cents(r.credit_limit),
    openArCents: cents(r.open_ar),
    openOrdersCents: cents(r.open_orders),
    latestOpenOrderId: r.latest_open_order,
    monthlyInvoicedCents: centsList(r.monthly),
  }));
}
