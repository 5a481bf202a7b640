// The facts behind the alert detectors, each gathered by one set-based query (the work grows with
// the database, not with Node's heap), and the alerts table itself: insert deduplicated by
// fingerprint, list, acknowledge, snooze. Money leaves SQL as text and becomes integer cents here.

import type { PromiseFact } from '../domain/alerts/broken-promise.ts';
import type { AlertCandidate } from '../domain/alerts/candidate.ts';
import type { CreditExposure } from '../domain/alerts/credit-limit.ts';
import type { NewCustomerOrder } from '../domain/alerts/new-customer-large-order.ts';
import type { PayingCustomer } from '../domain/alerts/slowing-payments.ts';
import { medianCents } from '../domain/alerts/stats.ts';
import type { AlertThresholds } from '../domain/alerts/thresholds.ts';
import type { CustomerOrder } from '../domain/alerts/unusual-order.ts';
import type { IsoDate } from '../domain/calendar.ts';
import { centsFromDecimal } from '../domain/money.ts';
import type { SqlConn } from './sql.ts';

const cents = (text: string | null | undefined) => (text ? centsFromDecimal(text) : 0);
const centsList = (text: string | null) => (text ? text.split(',').map(centsFromDecimal) : []);

type RecentOrderRow = {
  id: number;
  number: string;
  order_date: string;
  amount: string;
  customer_id: number;
  code: string;
  name: string;
  industry: string | null;
  region: string | null;
  first_order_on: string;
  is_new: boolean;
  history: string | null;
};

/**
 * Orders of the last `recentOrderDays` days that are large enough to alert — at least the new-customer
 * floor (new customers) or the unusual-order minimum (established ones); the detectors decide the
 * rest — split into new customers' (with the median first order of comparable customers) and
 * established customers' (with their previous 12 months of orders).
 */
export async function loadRecentOrders(
  conn: SqlConn,
  asOf: IsoDate,
  t: AlertThresholds,
): Promise<{ newCustomers: NewCustomerOrder[]; established: CustomerOrder[] }> {
  const rows = await conn.query<RecentOrderRow>(
    `WITH recent AS (
       -- Whole cents as float8, the very comparison the detectors make in JavaScript.
       SELECT o.id, o.number, o.order_date, o.amount, o.customer_id
         FROM orders o
        WHERE o.order_date > $1::date - $2::int AND o.order_date <= $1::date AND o.status <> 'cancelled'
          AND (o.amount * 100)::float8 >= least($4::float8, $5::float8)
     ), cust AS (
       SELECT c.id, c.code, c.name, c.industry, c.region, f.first_order_on, f.first_order_on > $1::date - $3::int AS is_new
         FROM customers c,
              LATERAL (SELECT coalesce(c.first_order_on,
                                       (SELECT min(x.order_date) FROM orders x WHERE x.customer_id = c.id)) AS first_order_on) f
        WHERE c.id IN (SELECT customer_id FROM recent)
     ), wanted AS (
       SELECT r.*, c.is_new FROM recent r JOIN cust c ON c.id = r.customer_id
        WHERE (r.amount * 100)::float8 >= CASE WHEN c.is_new THEN $4::float8 ELSE $5::float8 END
     )
     SELECT r.id, r.number, r.order_date::text, r.amount::text, r.customer_id, c.code, c.name,
            c.industry, c.region, c.first_order_on::text, c.is_new, h.list AS history
       FROM wanted r
       JOIN cust c ON c.id = r.customer_id
       -- Each order's own history: the customer's orders of the 365 days before it (index-only).
       LEFT JOIN LATERAL (
         SELECT string_agg(h.amount::text, ',' ORDER BY h.order_date, h.id) AS list FROM orders h
          WHERE h.customer_id = r.customer_id AND h.status <> 'cancelled'
            AND h.order_date >= r.order_date - 365 AND (h.order_date, h.id) < (r.order_date, r.id)) h ON true
      ORDER BY r.order_date, r.id`,
    [
      asOf,
      t.recentOrderDays,
      t.newCustomer.maxAgeDays,
      t.newCustomer.floorDollars * 100,
      t.unusualOrder.minAmountDollars * 100,
    ],
  );
  // Peers only when a new customer placed an order large enough to alert.
  const peers = rows.some((r) => r.is_new) ? await loadFirstOrderPeers(conn) : null;
  const newCustomers: NewCustomerOrder[] = [];
  const established: CustomerOrder[] = [];
  for (const r of rows) {
    const fact = {
      orderId: r.id,
      number: r.number,
      orderDate: r.order_date,
      amountCents: cents(r.amount),
      customer: { id: r.customer_id, code: r.code, name: r.name },
    };
    const history = centsList(r.history);
    if (peers && r.is_new) {
      newCustomers.push({
        ...fact,
        firstOrderOn: r.first_order_on,
        ...comparableFirstOrders(peers, r.industry, r.region, t.newCustomer.minPeers),
        historyCents: [...history, fact.amountCents],
      });
    } else {
      established.push({ ...fact, historyCents: history });
    }
  }
  return { newCustomers, established };
}

type FirstOrders = { medianCents: number; count: number };

/** The median first order per industry and region (key: industry, region), and over everyone. */
type FirstOrderPeers = { groups: Map<string, FirstOrders>; everyone: FirstOrders };

// Customers without an industry (or region) are one group, whether it is missing or blank.
const peerKey = (industry: string | null, region: string | null) => `${industry ?? ''}\u0000${region ?? ''}`;

function firstOrders(amounts: number[]): FirstOrders {
  return { medianCents: amounts.length ? medianCents(amounts) : 0, count: amounts.length };
}

/**
 * Every customer's first order (one index look-up each), gathered per industry and region. The
 * medians are worked out here: Postgres would sort the 50,000 rows by two text columns and again
 * within each group, several times the cost of reading the amounts.
 */
async function loadFirstOrderPeers(conn: SqlConn): Promise<FirstOrderPeers> {
  const rows = await conn.query<{ industry: string; region: string; amounts: string }>(
    `SELECT coalesce(c.industry, '') AS industry, coalesce(c.region, '') AS region,
            string_agg(f.amount::text, ',') AS amounts
       FROM customers c
       CROSS JOIN LATERAL (SELECT o.amount FROM orders o
                            WHERE o.customer_id = c.id AND o.order_date = c.first_order_on AND o.status <> 'cancelled'
                            ORDER BY o.id LIMIT 1) f
      GROUP BY 1, 2`,
  );
  const groups = new Map<string, FirstOrders>();
  const all: number[] = [];
  for (const row of rows) {
    const amounts = centsList(row.amounts);
    groups.set(peerKey(row.industry, row.region), firstOrders(amounts));
    for (const amount of amounts) all.push(amount);
  }
  return { groups, everyone: firstOrders(all) };
}

/** The customer's own industry and region when it has enough customers to compare with, else everyone. */
function comparableFirstOrders(
  peers: FirstOrderPeers,
  industry: string | null,
  region: string | null,
  minPeers: number,
): { peerMedianCents: number; peerCount: number; peerScope: string } {
  const group = peers.groups.get(peerKey(industry, region));
  if (group && group.count >= minPeers) {
    return {
      peerMedianCents: group.medianCents,
      peerCount: group.count,
      peerScope: `${industry ?? 'no industry'}, ${region ?? 'no region'}`,
    };
  }
  return {
    peerMedianCents: peers.everyone.medianCents,
    peerCount: peers.everyone.count,
    peerScope: 'all customers',
  };
}

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

type PromiseRow = {
  id: number;
  customer_id: number;
  code: string;
  name: string;
  status: 'open' | 'broken';
  amount: string;
  promised_on: string;
  due_on: string;
  covered: string;
  broken_before: number;
  recent: string | null;
};

/** Promises due in the lookback window that are broken, or open past their date + grace. */
export async function loadLapsedPromises(
  conn: SqlConn,
  asOf: IsoDate,
  t: AlertThresholds,
): Promise<PromiseFact[]> {
  const rows = await conn.query<PromiseRow>(
    `SELECT p.id, p.customer_id, c.code, c.name, p.status::text AS status, p.amount::text,
            (i.occurred_at AT TIME ZONE 'UTC')::date::text AS promised_on, p.due_on::text,
            CASE WHEN p.status = 'broken' AND p.covered_amount IS NOT NULL THEN p.covered_amount
                 ELSE coalesce((SELECT sum(pay.amount) FROM payments pay
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
    promisedOn: r.promised_on,
    dueOn: r.due_on,
    coveredCents: cents(r.covered),
    brokenBefore: r.broken_before,
    recentPromisesCents: centsList(r.recent),
  }));
}

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

// Invoiced per 30-day month, oldest first, for the last six: one pass over the customer's invoices.
const INVOICED_BY_MONTH = [5, 4, 3, 2, 1, 0]
  .map((m) => `coalesce(sum(amount) FILTER (WHERE ($1::date - issue_date) / 30 = ${m}), 0)::text`)
  .join(', ');

/** Customers whose open receivables plus open orders exceed their credit limit. */
export async function loadCreditExposures(conn: SqlConn, asOf: IsoDate): Promise<CreditExposure[]> {
  const rows = await conn.query<ExposureRow>(
    `WITH ar AS (
       SELECT customer_id, sum(open_amount) AS open_ar FROM invoices
        WHERE status = 'open' AND open_amount > 0 GROUP BY customer_id
     ), oo AS (
       SELECT customer_id, sum(amount) AS open_orders, max(id) AS latest FROM orders
        WHERE status = 'open' AND order_date <= $1::date GROUP BY customer_id
     )
     SELECT c.id, c.code, c.name, c.credit_limit::text, coalesce(ar.open_ar, 0)::text AS open_ar,
            coalesce(oo.open_orders, 0)::text AS open_orders, oo.latest AS latest_open_order,
            (SELECT concat_ws(',', ${INVOICED_BY_MONTH}) FROM invoices
              WHERE customer_id = c.id AND issue_date > $1::date - 180 AND issue_date <= $1::date) AS monthly
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

export type StoredAlert = {
  id: number;
  kind: AlertCandidate['kind'];
  severity: AlertCandidate['severity'];
  status: 'open' | 'acknowledged' | 'snoozed' | 'resolved';
  customerCode: string | null;
  customerName: string | null;
  message: string;
  payload: {
    title: string;
    suggestedAction: string;
    numbers: Record<string, number | string>;
    sparkline: string;
    asOf: IsoDate;
  };
  snoozedUntil: string | null;
  acknowledgedBy: string | null;
  createdAt: string;
};

const SELECT_ALERT = `SELECT a.id, a.kind::text AS kind, a.severity::text AS severity, a.status::text AS status,
       c.code AS "customerCode", c.name AS "customerName", a.message, a.payload,
       to_char(a.snoozed_until AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "snoozedUntil",
       a.acknowledged_by AS "acknowledgedBy",
       to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt"
  FROM alerts a LEFT JOIN customers c ON c.id = a.customer_id`;

// The kinds that need a call before money goes out (orders) before the ones about money already owed.
const KIND_ORDER = `array_position(ARRAY['new_customer_large_order', 'unusual_order', 'broken_promise', 'credit_limit', 'slowing_payments'], a.kind::text)`;

// The most urgent first: critical before warning, then by kind.
const URGENCY = `array_position(ARRAY['critical', 'warning', 'info'], a.severity::text), ${KIND_ORDER}, a.id`;

// Newest day first; within a day the most urgent first.
const ALERT_ORDER = `ORDER BY date_trunc('day', a.created_at) DESC, ${URGENCY}`;

/** Inserts the candidates whose fingerprint is new; returns only those (the same fact never twice). */
export async function insertAlerts(
  conn: SqlConn,
  candidates: readonly AlertCandidate[],
  asOf: IsoDate,
  now: Date,
): Promise<StoredAlert[]> {
  if (!candidates.length) return [];
  // Most facts of a scan were alerted before: look their fingerprints up first (a unique-index probe
  // each) rather than ship every payload to be discarded by ON CONFLICT, which still guards races.
  const known = await conn.query<{ fingerprint: string }>(
    'SELECT fingerprint FROM alerts WHERE fingerprint = ANY($1::text[])',
    [candidates.map((c) => c.fingerprint)],
  );
  const seen = new Set(known.map((r) => r.fingerprint));
  const fresh = candidates.filter((c) => !seen.has(c.fingerprint));
  if (!fresh.length) return [];
  const records = fresh.map((c) => ({
    kind: c.kind,
    customer_id: c.customer.id,
    fingerprint: c.fingerprint,
    severity: c.severity,
    message: c.message,
    payload: {
      title: c.title,
      suggestedAction: c.suggestedAction,
      numbers: c.numbers,
      sparkline: c.sparkline,
      asOf,
    },
  }));
  const inserted = await conn.query<{ id: number }>(
    `INSERT INTO alerts (kind, customer_id, fingerprint, severity, message, payload, status, created_at, updated_at)
     SELECT r.kind::"AlertKind", r.customer_id, r.fingerprint, r.severity::"AlertSeverity", r.message, r.payload,
            'open', $2::timestamptz, $2::timestamptz
       FROM jsonb_to_recordset($1::jsonb)
         AS r(kind text, customer_id int, fingerprint text, severity text, message text, payload jsonb)
     ON CONFLICT (fingerprint) DO NOTHING
     RETURNING id`,
    [JSON.stringify(records), now.toISOString()],
  );
  if (!inserted.length) return [];
  return conn.query<StoredAlert>(`${SELECT_ALERT} WHERE a.id = ANY($1::int[]) ORDER BY a.id`, [
    inserted.map((r) => r.id),
  ]);
}

// Open alerts, and snoozed ones whose snooze has run out ($n: the current instant).
const TO_ACT_ON = (n: number) =>
  `(a.status = 'open' OR (a.status = 'snoozed' AND a.snoozed_until <= $${n}::timestamptz))`;

/**
 * Alerts to act on: open ones and snoozed ones whose snooze has run out (newest first); with `all`,
 * every alert including acknowledged and still-snoozed ones.
 */
export async function selectAlerts(
  conn: SqlConn,
  options: { all: boolean; now: Date; limit: number; ids?: number[] },
): Promise<StoredAlert[]> {
  const params: unknown[] = [options.limit];
  let where = '';
  if (options.ids) {
    params.push(options.ids);
    where = 'WHERE a.id = ANY($2::int[])';
  } else if (!options.all) {
    params.push(options.now.toISOString());
    where = `WHERE ${TO_ACT_ON(2)}`;
  }
  return conn.query<StoredAlert>(`${SELECT_ALERT} ${where} ${ALERT_ORDER} LIMIT $1::int`, params);
}

type KindCount = { kind: AlertCandidate['kind']; count: number };

/** How many alerts `selectAlerts` would list without a limit, per kind (in the listing's kind order). */
export async function countAlertsByKind(
  conn: SqlConn,
  options: { all: boolean; now: Date },
): Promise<KindCount[]> {
  return conn.query<KindCount>(
    `SELECT a.kind::text AS kind, count(*)::int AS count FROM alerts a
      WHERE $1::boolean OR ${TO_ACT_ON(2)} GROUP BY a.kind ORDER BY min(${KIND_ORDER})`,
    [options.all, options.now.toISOString()],
  );
}

// Each alert's rank within its scan's alerts (one created_at), the most urgent first, as listings
// order them.
const RANKED_BY_SCAN = `SELECT a.id, a.kind, a.status, a.created_at,
         row_number() OVER (PARTITION BY a.created_at ORDER BY ${URGENCY}) AS rank
    FROM alerts a`;

// A scan's instant as ISO 8601 to the millisecond (created_at's precision), to find its alerts again.
const SCAN_INSTANT = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export type AlertToPost = {
  id: number;
  /** The instant of the scan that recorded it (ISO 8601, ms), shared by the scan's alerts. */
  scannedAt: string;
  /** 1 for the scan's most urgent alert. */
  rank: number;
  /** Set when it comes back after a snooze (the minute the snooze ran out). */
  reopened: string | null;
};

/**
 * Open alerts recorded in [since, until], ranked within their scan, and snoozed alerts whose
 * snooze ran out in it: what the alerts channel may still need to hear about.
 */
export async function selectAlertsToPost(conn: SqlConn, since: Date, until: Date): Promise<AlertToPost[]> {
  return conn.query<AlertToPost>(
    `SELECT id, ${SCAN_INSTANT('created_at')} AS "scannedAt",
            rank::int AS rank, NULL AS reopened
       FROM (${RANKED_BY_SCAN} WHERE a.created_at >= $1::timestamptz AND a.created_at <= $2::timestamptz) x
      WHERE status = 'open'
     UNION ALL
     SELECT a.id, ${SCAN_INSTANT('a.created_at')}, 0,
            to_char(a.snoozed_until AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI')
       FROM alerts a
      WHERE a.status = 'snoozed' AND a.snoozed_until <= $2::timestamptz AND a.snoozed_until >= $1::timestamptz
      ORDER BY id`,
    [since.toISOString(), until.toISOString()],
  );
}

/** The still-open alerts of one scan ranked after `after`, counted per kind (largest first). */
export async function countAlertsRankedAfter(
  conn: SqlConn,
  scannedAt: string,
  after: number,
): Promise<KindCount[]> {
  return conn.query<KindCount>(
    `SELECT kind::text AS kind, count(*)::int AS count
       FROM (${RANKED_BY_SCAN} WHERE a.created_at = $1::timestamptz) x
      WHERE status = 'open' AND rank > $2::int
      GROUP BY kind ORDER BY count(*) DESC, kind`,
    [scannedAt, after],
  );
}

/** Sets an alert's status; returns false when there is no such alert. */
export async function updateAlertStatus(
  conn: SqlConn,
  id: number,
  change:
    | { status: 'acknowledged'; by: string; at: Date }
    | { status: 'snoozed'; by: string; at: Date; until: Date },
): Promise<boolean> {
  const rows = await conn.query(
    `UPDATE alerts SET status = $2::"AlertStatus", acknowledged_by = $3,
            acknowledged_at = $4::timestamptz, snoozed_until = $5::timestamptz, updated_at = $4::timestamptz
      WHERE id = $1 RETURNING id`,
    [
      id,
      change.status,
      change.by,
      change.at.toISOString(),
      change.status === 'snoozed' ? change.until.toISOString() : null,
    ],
  );
  return rows.length > 0;
}
