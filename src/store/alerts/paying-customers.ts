import type { PayingCustomer } from '../../domain/alerts/slowing-payments.ts';
import type { AlertThresholds } from '../../domain/alerts/thresholds.ts';
import type { IsoDate } from '../../domain/calendar.ts';
import type { SqlConn } from '../sql.ts';

type PayingRow = {
  customer_id: number;
  code: string;
  name: string;
  sales_cents: number;
  recent_days: number | null;
  recent_count: number;
  open_count: number;
  baseline_days: number | null;
  baseline_count: number;
  monthly: string | null;
};

/**
 * Weighted days-to-pay, recent and baseline, of the top customers by 12 months of sales — only those
 * whose recent days-to-pay is up by the thresholds' days and percentage (the detector decides; the
 * rest could never alert, and their monthly series are not worth reading).
 */
export async function loadPayingCustomers(
  conn: SqlConn,
  asOf: IsoDate,
  t: AlertThresholds,
): Promise<PayingCustomer[]> {
  const s = t.slowingPayments;
  // Aggregate in customer order, as the covering index delivers the rows, rather than hash 50,000
  // groups (the planner's pick, slower here: 190 vs 290 ms for the sales on the large demo).
  const [hashagg] = await conn.query<{ was: string }>(
    `SELECT current_setting('enable_hashagg') AS was, set_config('enable_hashagg', 'off', true)`,
  );
  const rows = await conn.query<PayingRow>(
    `WITH sales AS (
       -- Twelve months of sales per customer: the one read of invoices that takes in every customer
       -- (the ranking needs them all), so it computes nothing else per row. Whole cents (int8) from
       -- here on: sorting and running totals on integers, exact, cheaper than on numerics.
       SELECT customer_id, (sum(amount) * 100)::int8 AS sales FROM invoices
        WHERE issue_date > $1::date - 365 AND issue_date <= $1::date AND status <> 'void'
        GROUP BY customer_id
     ), ranked AS (
       -- Each customer's sales ranked before it (a running total, back in int8: one cast per row).
       SELECT customer_id, sales,
              (sum(sales) OVER (ORDER BY sales DESC, customer_id ROWS UNBOUNDED PRECEDING))::int8 - sales AS before
         FROM sales
     ), cutoff AS (
       -- "Before < total × share" in whole cents: for an integer before, the same test as
       -- before < ceil(total × share), so the share's arithmetic runs once, not per customer.
       SELECT ceil(sum(sales) * $2::numeric / 100)::int8 AS cut FROM sales
     ), top AS (
       -- The customers ranked before the sales reach the coverage share; pinned customers always
       -- (those without sales at 0).
       SELECT customer_id, sales FROM ranked
        WHERE before < (SELECT cut FROM cutoff) OR customer_id IN (SELECT id FROM customers WHERE pinned)
       UNION ALL
       SELECT c.id, 0 FROM customers c WHERE c.pinned AND NOT EXISTS (SELECT 1 FROM sales s WHERE s.customer_id = c.id)
     ), based AS (
       -- The top customers' payments in the windows alone, index-only from the covering index
       -- (customer_id, issue_date, paid_on, status, amount). Days × amount in whole cents (int8):
       -- exact, and cheaper than numeric or float8.
       SELECT customer_id, max(sales) AS sales,
              sum(weighted) FILTER (WHERE recent)::float8 AS recent_weighted,
              sum(amt) FILTER (WHERE recent)::float8 AS recent_amount, count(*) FILTER (WHERE recent) AS recent_n,
              -- NULL, not a division by zero, when the baseline invoices total $0 (the detector skips it).
              sum(weighted) FILTER (WHERE NOT recent)::float8 / nullif(sum(amt) FILTER (WHERE NOT recent), 0)::float8 AS base_days,
              count(*) FILTER (WHERE NOT recent)::int AS base_n
         FROM (SELECT top.customer_id, top.sales, i.paid_on > $1::date - $3::int AS recent,
                      (i.paid_on - i.issue_date) * c.amt AS weighted, c.amt
                 FROM top JOIN invoices i ON i.customer_id = top.customer_id,
                      LATERAL (SELECT (i.amount * 100)::int8 AS amt) c
                WHERE i.status = 'paid' AND i.paid_on > $1::date - ($3::int + $4::int) AND i.paid_on <= $1::date) w
        GROUP BY customer_id
       HAVING count(*) FILTER (WHERE NOT recent) >= $5::int
     ), late_open AS (
       -- Invoices still open past the customer's usual time to pay count as paid today: a customer
       -- that stopped paying altogether is the slowest payer of all, not one without data. A credit
       -- note (a negative amount) is owed to the customer, not by it: it is not one of them.
       SELECT i.customer_id, sum(($1::date - i.issue_date) * (i.amount * 100)::int8)::float8 AS weighted,
              sum((i.amount * 100)::int8)::float8 AS amount, count(*) AS n
         FROM based b JOIN invoices i ON i.customer_id = b.customer_id
        WHERE i.status = 'open' AND i.amount > 0 AND i.issue_date <= $1::date AND $1::date - i.issue_date > b.base_days
        GROUP BY i.customer_id
     ), paying AS (
       SELECT b.customer_id, b.sales, b.base_days, b.base_n,
              (coalesce(b.recent_weighted, 0) + coalesce(l.weighted, 0))
                / nullif(coalesce(b.recent_amount, 0) + coalesce(l.amount, 0), 0) AS recent_days,
              (b.recent_n + coalesce(l.n, 0))::int AS recent_n, coalesce(l.n, 0)::int AS open_n
         FROM based b LEFT JOIN late_open l ON l.customer_id = b.customer_id
        WHERE b.recent_n + coalesce(l.n, 0) >= $5::int
     )
     SELECT x.customer_id, c.code, c.name, x.sales::float8 AS sales_cents, x.recent_days::float8 AS recent_days,
            x.recent_n AS recent_count, x.open_n AS open_count, x.base_days::float8 AS baseline_days,
            x.base_n AS baseline_count,
            (SELECT string_agg(m || ':' || round(days::numeric, 1), ',')
               FROM (SELECT ($1::date - i.paid_on) / 30 AS m,
                            -- A month of $0 invoices has no days (left out), rather than a division by zero.
                            sum((i.paid_on - i.issue_date) * i.amount::float8) / nullif(sum(i.amount::float8), 0) AS days
                       FROM invoices i
                      WHERE i.customer_id = x.customer_id AND i.status = 'paid' AND i.paid_on <= $1::date
                        AND i.paid_on > $1::date - least(360, $3::int + $4::int)
                      GROUP BY 1) per_month) AS monthly
       FROM paying x JOIN customers c ON c.id = x.customer_id
      -- Slack below the detector's bar (it decides exactly); an undefined figure (invoices totalling $0)
      -- never alerts, so it is not passed on.
      WHERE x.recent_days - x.base_days >= $6::float8 - 1e-6
        AND (x.recent_days - x.base_days) / nullif(x.base_days, 0) * 100 >= $7::float8 - 1e-6
      ORDER BY x.customer_id`,
    [asOf, s.topCoveragePct, s.recentDays, s.baselineDays, s.minPayments, s.minDaysSlower, s.minPctSlower],
  );
  // Back as it was, for any later query of the caller's transaction.
  await conn.query(`SELECT set_config('enable_hashagg', $1, true)`, [hashagg?.was ?? 'on']);
  return rows.map((r) => {
    const months = Array.from({ length: 12 }, () => Number.NaN);
    for (const pair of r.monthly?.split(',') ?? []) {
      const [m, days] = pair.split(':');
      months[11 - Number(m)] = Number(days);
    }
    return {
      customer: { id: r.customer_id, code: r.code, name: r.name },
      recentDays: r.recent_days ?? Number.NaN,
      recentCount: r.recent_count,
      stillOpen: r.open_count,
      baselineDays: r.baseline_days ?? Number.NaN,
      baselineCount: r.baseline_count,
      salesCents: r.sales_cents,
      monthlyDays: months,
    };
  });
}
