import type { NewCustomerOrder } from '../../domain/alerts/new-customer-large-order.ts';
import { medianCents } from '../../domain/alerts/stats.ts';
import type { AlertThresholds } from '../../domain/alerts/thresholds.ts';
import type { CustomerOrder } from '../../domain/alerts/unusual-order.ts';
import type { IsoDate } from '../../domain/calendar.ts';
import { toBaseSql } from '../fx-rates.ts';
import type { SqlConn } from '../sql.ts';
import { cents, centsList } from './money-text.ts';

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
 * established customers' (with their previous 12 months of orders). Every amount is in base money
 * at the rate of its order's day (the thresholds are base money); an order in a currency with no
 * rate then is left out: the morning's sheets name the missing rate.
 */
export async function loadRecentOrders(
  conn: SqlConn,
  asOf: IsoDate,
  t: AlertThresholds,
  base: string,
): Promise<{ newCustomers: NewCustomerOrder[]; established: CustomerOrder[] }> {
  const rows = await conn.query<RecentOrderRow>(
    `WITH recent AS (
       -- Whole cents as float8, the very comparison the detectors make in JavaScript.
       SELECT o.id, o.number, o.order_date, b.amount, o.customer_id
         FROM orders o, LATERAL (SELECT ${toBaseSql('o.amount', 'o.currency', 'o.order_date', base)} AS amount) b
        WHERE o.order_date > $1::date - $2::int AND o.order_date <= $1::date AND o.status <> 'cancelled'
          AND (b.amount * 100)::float8 >= least($4::float8, $5::float8)
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
         SELECT string_agg(${toBaseSql('h.amount', 'h.currency', 'h.order_date', base)}::text, ',' ORDER BY h.order_date, h.id) AS list
           FROM orders h
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
  const peers = rows.some((r) => r.is_new) ? await loadFirstOrderPeers(conn, base) : null;
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
async function loadFirstOrderPeers(conn: SqlConn, base: string): Promise<FirstOrderPeers> {
  const rows = await conn.query<{ industry: string; region: string; amounts: string | null }>(
    `SELECT coalesce(c.industry, '') AS industry, coalesce(c.region, '') AS region,
            string_agg(${toBaseSql('f.amount', 'f.currency', 'f.order_date', base)}::text, ',') AS amounts
       FROM customers c
       CROSS JOIN LATERAL (SELECT o.amount, o.currency, o.order_date FROM orders o
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
