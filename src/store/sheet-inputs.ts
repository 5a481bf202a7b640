// The engine's inputs, per customer, as of a day: a few set-based queries whose aggregates the pure
// policy code ranks. Only what was known on that day counts: invoices issued, payments received,
// calls logged, promises made and disputes opened on or before it. Open balances as of the day are
// rebuilt from the stored balance plus the payment applications received after it, so past days
// can be replayed (backtests) without a history table.
import type { IsoDate } from '../domain/calendar.ts';
import { OUTCOMES } from '../domain/grammar/outcomes.ts';
import { centsFromDecimal } from '../domain/money.ts';
import {
  type AccountInputs,
  NO_INTERACTIONS,
  NO_PROMISES,
  type OverdueSegment,
} from '../domain/policy/account-inputs.ts';
import { CURVE_BREAKS } from '../domain/policy/collectability.ts';
import { isoOfDayNumber } from '../domain/policy/days.ts';
import {
  NO_HISTORY,
  type PaidInvoices,
  type PayHistory,
  payHistoryOf,
} from '../domain/policy/lateness/pay-history.ts';
import { addSample, type PeerSums, peerSums, type Segment } from '../domain/policy/lateness/peer-priors.ts';
import { byCode } from '../domain/policy/list-order.ts';
import { withAggregateSettings } from './aggregate-settings.ts';
import { toBaseSql } from './fx-rates.ts';
import { forEachRow, type SqlConn } from './sql.ts';

export interface SheetInputsQuery {
  asOf: IsoDate;
  /** The company's base currency: every amount the engine weighs is converted to it on the day. */
  base: string;
  /** The first instant after the day (midnight that ends it in the team's zone), ISO 8601. */
  cutoff: string;
  /** The zone in which logged instants become calendar days. */
  timeZone: string;
  /** Broken promises count when they fell due within this many days before the day. */
  brokenPromiseWindowDays: number;
  /** nextDueCents sums what falls due within this many days of the day. */
  dueSoonDays: number;
  /** The lateness model's late threshold (days past due) and history half-life. */
  lateDays: number;
  halfLifeDays: number;
  /** Promises count as judged (kept or broken) once this many days past their date. */
  promiseGraceDays: number;
  /** Only these customers (e.g. one collector's); all when omitted. */
  customerIds?: readonly number[];
}

const SEGMENTS = CURVE_BREAKS.length + 1;
const MONTHS = 12;
/** Outcomes of a call made (not chat-made changes such as hold or assign). */
const CALL_OUTCOMES = `(${OUTCOMES.map((o) => `'${o}'`).join(',')})`;
/** Outcomes that mean someone at the customer answered. */
const REACHED = `('promised','plan','disputed','paid','callback','note')`;

// Aggregates run on whole cents held in float8: exact for any integer below 2^53 cents (the same
// bound as a JavaScript number), several times cheaper than NUMERIC over a million rows, and with a
// fixed-size aggregate state, so the per-customer aggregate hashes in memory instead of spilling.
const dtp = '(paid_on - issue_date)';

/** Overdue cents and cents × days past due per collectability segment (of rows `dpd`, `oc`). */
function segmentColumns(): string {
  const bounds = [1, ...CURVE_BREAKS];
  return Array.from({ length: SEGMENTS }, (_, k) => {
    const upper = k < CURVE_BREAKS.length ? ` AND dpd < ${bounds[k + 1]}` : '';
    const where = `dpd >= ${bounds[k]}${upper}`;
    return `coalesce(sum(oc) FILTER (WHERE ${where}), 0)::bigint::text AS seg${k},
            coalesce(sum(oc * dpd) FILTER (WHERE ${where}), 0)::bigint::text AS segd${k}`;
  }).join(',\n');
}

/** Numbers of the invoices overdue on the day (open then, due before it), oldest due first. */
export async function readOverdueInvoices(
  conn: SqlConn,
  asOf: IsoDate,
  customerIds: readonly number[],
  base: string,
): Promise<Map<number, string[]>> {
  if (!customerIds.length) return new Map();
  const rows = await conn.query<{ customer_id: number; numbers: string[] }>(
    `WITH ${openOnDay('$2::int[]', await receivedAfter(conn, asOf), base)}
     SELECT o.customer_id, array_agg(i.number ORDER BY o.due_date, i.number) AS numbers
       FROM open_on_day o JOIN invoices i ON i.id = o.id
      WHERE o.dpd > 0
      GROUP BY o.customer_id`,
    [asOf, [...customerIds]],
  );
  return new Map(rows.map((r) => [Number(r.customer_id), r.numbers]));
}

/** One account's money on the day in one currency (its own, not converted), in cents. */
export interface CurrencyBalance {
  currency: string;
  openCents: number;
  overdueCents: number;
}

/** Open and overdue money on the day per customer and currency, base currency first: what rows show. */
export async function readCurrencyBalances(
  conn: SqlConn,
  asOf: IsoDate,
  customerIds: readonly number[],
  base: string,
): Promise<Map<number, CurrencyBalance[]>> {
  if (!customerIds.length) return new Map();
  const rows = await conn.query<{ customer_id: number; currency: string; open_c: string; overdue_c: string }>(
    `WITH ${openOnDay('$2::int[]', await receivedAfter(conn, asOf), base)}
     SELECT customer_id, currency, sum(nc)::text AS open_c, coalesce(sum(nc) FILTER (WHERE dpd > 0), 0)::text AS overdue_c
       FROM open_on_day GROUP BY customer_id, currency
      ORDER BY customer_id, currency <> $3, currency`,
    [asOf, [...customerIds], base],
  );
  const out = new Map<number, CurrencyBalance[]>();
  for (const r of rows) {
    const id = Number(r.customer_id);
    const list = out.get(id) ?? [];
    list.push({
      currency: r.currency.trim(),
      openCents: Number(r.open_c),
      overdueCents: Number(r.overdue_c),
    });
    out.set(id, list);
  }
  return out;
}

/** Promises judged in the year to the day, company-wide (kept, broken), as the day's query counts them. */
export async function readPromiseRecord(
  conn: SqlConn,
  asOf: IsoDate,
  promiseGraceDays: number,
): Promise<{ kept: number; broken: number }> {
  const [row] = await conn.query<{ kept: number; broken: number }>(
    `SELECT count(*) FILTER (WHERE status = 'kept')::int AS kept, count(*) FILTER (WHERE status = 'broken')::int AS broken
       FROM promises WHERE due_on < $1::date - $2::int AND due_on >= $1::date - 365`,
    [asOf, promiseGraceDays],
  );
  return row ?? { kept: 0, broken: 0 };
}

/** One customer's invoices open on the day by id: number, currency and balance in it (cents). */
export async function readOpenInvoicesOnDay(
  conn: SqlConn,
  asOf: IsoDate,
  customerId: number,
  base: string,
): Promise<Map<number, { number: string; currency: string; cents: number }>> {
  const rows = await conn.query<{ id: number; number: string; currency: string; nc: string }>(
    `WITH ${openOnDay('$2::int[]', await receivedAfter(conn, asOf), base)}
     SELECT o.id, i.number, o.currency, o.nc::text AS nc FROM open_on_day o JOIN invoices i ON i.id = o.id`,
    [asOf, [customerId]],
  );
  return new Map(
    rows.map((r) => [Number(r.id), { number: r.number, currency: r.currency.trim(), cents: Number(r.nc) }]),
  );
}

/** What the reasons need beyond selection, read only for the accounts shown. */
export interface ScoreInputs
  extends Pick<AccountInputs, 'riskRating' | 'establishedOn' | 'firstOrderOn' | 'marginPct'> {
  overdueSegments: OverdueSegment[];
  payments: AccountInputs['payments'];
  orders: AccountInputs['orders'];
}

/**
 * Payment history (last 12 months, with the monthly series for the sparkline) and the last 90
 * days' orders of the given customers (in base money), as of the day: index scans over a few
 * thousand customers.
 */
export async function readScoreInputs(
  conn: SqlConn,
  asOf: IsoDate,
  customerIds: readonly number[],
  base: string,
): Promise<Map<number, ScoreInputs>> {
  if (!customerIds.length) return new Map();
  const ids = [...customerIds];
  const later = await receivedAfter(conn, asOf);
  // Side by side on a pool (one after the other in a transaction).
  const [history, overdue, orders, factors] = await Promise.all([
    readPaymentHistory(conn, asOf, ids, { monthly: true }),
    conn.query<Raw>(
      `WITH ${openOnDay('$2::int[]', later, base)}
       SELECT customer_id, ${segmentColumns()} FROM open_on_day WHERE dpd > 0 GROUP BY customer_id`,
      [asOf, ids],
    ),
    // Each order in base money at the rate of its day; one in a currency with no rate then cannot
    // be valued and is left out of both the sum and the count the reason shows.
    conn.query<Raw>(
      `SELECT o.customer_id, sum(b.amount)::text AS amount, count(b.amount)::int AS n
         FROM orders o, LATERAL (SELECT ${toBaseSql('o.amount', 'o.currency', 'o.order_date', base)} AS amount) b
        WHERE o.customer_id = ANY($2::int[]) AND o.order_date <= $1::date AND o.order_date > $1::date - 90
          AND o.status <> 'cancelled'
        GROUP BY o.customer_id
       HAVING count(b.amount) > 0`,
      [asOf, ids],
    ),
    conn.query<Raw>(
      `SELECT id, risk_rating, established_on::text, first_order_on::text, margin_pct::float8 AS margin_pct
         FROM customers WHERE id = ANY($1::int[])`,
      [ids],
    ),
  ]);
  const out = new Map<number, ScoreInputs>(
    ids.map((id) => [
      id,
      {
        riskRating: null,
        establishedOn: null,
        firstOrderOn: null,
        marginPct: null,
        overdueSegments: [],
        payments: paymentStats({}),
        orders: { last90Cents: 0, last90Count: 0 },
      },
    ]),
  );
  for (const row of factors)
    Object.assign(out.get(int(row, 'id'))!, {
      riskRating: num(row, 'risk_rating'),
      establishedOn: text(row, 'established_on'),
      firstOrderOn: text(row, 'first_order_on'),
      marginPct: num(row, 'margin_pct'),
    });
  for (const [id, payments] of history) out.get(id)!.payments = payments;
  for (const row of overdue) {
    out.get(int(row, 'customer_id'))!.overdueSegments = Array.from({ length: SEGMENTS }, (_, k) => ({
      cents: wholeCents(row, `seg${k}`),
      centsDays: Number(row[`segd${k}`] ?? 0),
    }));
  }
  for (const row of orders)
    out.get(int(row, 'customer_id'))!.orders = {
      last90Cents: cents(row, 'amount'),
      last90Count: int(row, 'n'),
    };
  return out;
}

function monthColumns(): string {
  return Array.from({ length: MONTHS }, (_, k) => {
    const from = 30 * (MONTHS - k);
    const to = 30 * (MONTHS - k - 1);
    return `round(avg(${dtp}) FILTER (WHERE paid_on > $1::date - ${from} AND paid_on <= $1::date - ${to}), 1)::float8 AS m${k}`;
  }).join(',\n');
}

/**
 * Days-to-pay of the invoices each customer paid in the year up to the day: counts, sums and
 * squares per half-year, and the monthly averages behind the sparkline. The covering index on
 * (customer, issue date, paid on, status, amount) answers it without reading the table.
 */
export async function readPaymentHistory(
  conn: SqlConn,
  asOf: IsoDate,
  customerIds: readonly number[],
  { monthly }: { monthly: boolean },
): Promise<Map<number, AccountInputs['payments']>> {
  if (!customerIds.length) return new Map();
  return paymentHistory(conn, { monthly, customers: 'customer_id = ANY($2::int[])' }, [
    asOf,
    [...customerIds],
  ]);
}

/** Days-to-pay sums per customer over the year to day $1, for the customers `customers` selects. */
async function paymentHistory(
  conn: SqlConn,
  q: { monthly: boolean; customers: string; with?: string },
  params: unknown[],
): Promise<Map<number, AccountInputs['payments']>> {
  const rows = await conn.query<Raw>(
    `${q.with ?? ''}
     SELECT customer_id,
            count(*) FILTER (WHERE paid_on > $1::date - 182) AS recent_n,
            sum(${dtp}) FILTER (WHERE paid_on > $1::date - 182) AS recent_dt,
            count(*) FILTER (WHERE paid_on <= $1::date - 182) AS prior_n,
            sum(${dtp}) FILTER (WHERE paid_on <= $1::date - 182) AS prior_dt,
            sum(${dtp}::float8 * ${dtp}) AS year_dt2
            ${q.monthly ? `, ${monthColumns()}` : ''}
       FROM invoices
      WHERE ${q.customers} AND paid_on <= $1::date AND paid_on > $1::date - 365
        AND issue_date <= $1::date AND status <> 'void'
      GROUP BY customer_id`,
    params,
  );
  return new Map(
    rows.map((row) => {
      const payments = paymentStats(row);
      if (q.monthly) payments.monthlyAvgDays = Array.from({ length: MONTHS }, (_, k) => num(row, `m${k}`));
      return [int(row, 'customer_id'), payments];
    }),
  );
}

/**
 * `open_on_day`: every invoice open at the end of day $1 — id, customer, due date, days past due
 * (`dpd`) and the balance then in whole cents (`oc`) — optionally only the customers in `ids` (an
 * int[] parameter; NULL for all). When nothing was received after the day (the morning's case) the
 * open invoices are exactly today's: one index-only scan of the partial index on open invoices.
 * For a past day, a balance is today's plus the applications of payments received after it, looked
 * up for the invoices open now and those closed since (paid-on index), so a day a year ago costs
 * about what the invoices closed since cost.
 */
function openOnDay(ids: string, receivedAfter: boolean, base: string): string {
  const scope = `i.issue_date <= $1::date AND i.status <> 'void' AND (${ids} IS NULL OR i.customer_id = ANY(${ids}))`;
  // oc is in base money on the day (NULL when its currency has no rate then), nc in its own currency.
  const row = (balance: string) =>
    `i.id, i.customer_id, i.due_date, $1::date - i.due_date AS dpd, i.currency,
     ((${toBaseSql(balance, 'i.currency', '$1::date', base)}) * 100)::int8::float8 AS oc,
     ((${balance}) * 100)::int8 AS nc`;
  if (!receivedAfter)
    return `open_on_day AS (SELECT ${row('i.open_amount')} FROM invoices i WHERE i.open_amount > 0 AND ${scope})`;
  // Each invoice's own applications, each payment by primary key: written so that no plan can
  // scan every later payment once per invoice (what a join here becomes without statistics).
  const withLater = `FROM invoices i CROSS JOIN LATERAL (
      SELECT coalesce(sum(pa.amount), 0) AS amount
        FROM payment_applications pa
       WHERE pa.invoice_id = i.id
         AND (SELECT p.received_on FROM payments p WHERE p.id = pa.payment_id) > $1::date) later`;
  return `open_on_day AS (
    SELECT ${row('i.open_amount + later.amount')} ${withLater}
     WHERE i.open_amount > 0 AND ${scope}
    UNION ALL
    SELECT ${row('i.open_amount + later.amount')} ${withLater}
     WHERE i.paid_on > $1::date AND NOT i.open_amount > 0 AND ${scope}
       AND i.open_amount + later.amount > 0)`;
}

/** Whether any payment was received after the day (then its balances differ from today's). */
async function receivedAfter(conn: SqlConn, asOf: IsoDate): Promise<boolean> {
  const rows = await conn.query('SELECT 1 FROM payments WHERE received_on > $1::date LIMIT 1', [asOf]);
  return rows.length > 0;
}

/**
 * An account's numbers as one packed text (read by unpackAccountNumbers; an empty field is NULL,
 * dates are days since 1970) rather than ten columns the driver would decode one by one. `agg`: the
 * account's balances, or null for an account with no money open (zeros).
 */
const packedNumbers = (agg: string | null) => {
  const of = (column: string, fallback: string) =>
    agg ? `coalesce(${agg}.${column}, ${fallback})` : fallback;
  const day = (column: string) => (agg ? `coalesce((${agg}.${column} - DATE '1970-01-01')::text, '')` : `''`);
  return `concat_ws(' ', c.id, coalesce(c.collector_id::text, ''), c.pinned::int, c.terms_days,
                 coalesce(c.expected_days_to_pay::text, ''), ${of('open_c', '0')}::bigint,
                 ${of('overdue_c', '0')}::bigint, ${of('due_soon', '0')}::bigint, ${day('oldest_due')},
                 ${day('next_due')})`;
};

/**
 * Every account with money open on the day: its balances, dates and open invoices ($1 the day, $2
 * the customers or NULL for all, $3 the days counted as due soon). Read beside the accounts'
 * activity (activitySql), on another connection of a pool: each is about half the work.
 */
const balancesSql = (laterReceipts: boolean, base: string) => `
WITH ${openOnDay('$2::int[]', laterReceipts, base)},
agg AS (
  SELECT customer_id,
         sum(oc) AS open_c,
         coalesce(sum(oc) FILTER (WHERE dpd > 0), 0) AS overdue_c,
         min(due_date) FILTER (WHERE dpd > 0) AS oldest_due,
         min(due_date) FILTER (WHERE dpd <= 0) AS next_due,
         coalesce(sum(oc) FILTER (WHERE dpd <= 0 AND dpd >= -$3::int), 0) AS due_soon,
         -- One packed text per account ("id dpd cents,…"), read by unpackOpenInvoices: three
         -- arrays cost the driver a string per element and most of the decoding. Neither list is
         -- ordered here: an ordered or DISTINCT aggregate sorts once per customer (tens of
         -- thousands of small sorts); the reader orders them.
         string_agg(id || ' ' || dpd || ' ' || coalesce(oc::int8, 0), ',') AS open_invoices,
         array_agg(currency) FILTER (WHERE oc IS NULL) AS unpriced
    FROM open_on_day GROUP BY customer_id
)
-- The customer's factors for the reasons (risk, age, margin) are read for the rows shown only.
SELECT c.code, c.name, c.industry, c.region, ${packedNumbers('agg')} AS numbers, agg.open_invoices,
       agg.unpriced
  FROM agg JOIN customers c ON c.id = agg.customer_id
 -- The lateness model weighs invoices not due yet too; money in a currency with no rate is
 -- reported as such.
 WHERE agg.open_c > 0 OR agg.unpriced IS NOT NULL`;

/**
 * Every customer's calls, promises and disputes as of the day ($1 the day, $2 the first instant
 * after it, $3 the zone of its calendar days, $4 the window of broken promises, $5 the customers or
 * NULL for all, $6 the days before a promise is judged). A customer with no money open is still an
 * account when it has a dispute, a promise pending or a callback due (`listed`): for those alone
 * its own columns come too.
 */
const activitySql = (base: string) => `
WITH ix AS (
  SELECT i.customer_id, i.outcome, i.occurred_at, i.on_date,
         max(i.occurred_at) FILTER (WHERE i.outcome IN ${REACHED}) OVER (PARTITION BY i.customer_id) AS last_reached
    FROM interactions i
   WHERE i.occurred_at < $2::timestamptz AND i.outcome IN ${CALL_OUTCOMES}
     AND ($5::int[] IS NULL OR i.customer_id = ANY($5::int[]))
     AND NOT EXISTS (SELECT 1 FROM interactions u
                      WHERE u.corrects_id = i.id AND u.outcome = 'undo' AND u.occurred_at < $2::timestamptz)
),
ix_agg AS (
  SELECT customer_id,
         max(occurred_at) AS last_touch,
         count(*) FILTER (WHERE outcome IN ('no_answer','voicemail') AND occurred_at > coalesce(last_reached, '-infinity'))::int AS streak,
         min(occurred_at) FILTER (WHERE outcome IN ('no_answer','voicemail') AND occurred_at > coalesce(last_reached, '-infinity')) AS streak_since,
         (array_agg(on_date ORDER BY occurred_at DESC) FILTER (WHERE outcome = 'callback'))[1] AS callback_on,
         max(occurred_at) FILTER (WHERE outcome = 'callback') AS callback_at
    FROM ix GROUP BY customer_id
),
pr AS (
  SELECT p.customer_id,
         count(*) FILTER (WHERE p.status = 'broken' AND p.due_on < $1::date AND p.due_on >= $1::date - $4::int)::int AS broken,
         min(p.due_on) FILTER (WHERE p.status = 'broken' AND p.due_on < $1::date AND p.due_on >= $1::date - $4::int) AS first_broken,
         max(p.due_on) FILTER (WHERE p.status = 'broken' AND p.due_on < $1::date AND p.due_on >= $1::date - $4::int) AS last_broken,
         min(p.due_on) FILTER (WHERE p.status <> 'cancelled' AND p.due_on >= $1::date) AS pending_on,
         (array_agg(${toBaseSql('p.amount', 'p.currency', '$1::date', base)} ORDER BY p.due_on, p.id) FILTER (WHERE p.status <> 'cancelled' AND p.due_on >= $1::date))[1] AS pending_amount,
         count(*) FILTER (WHERE p.status <> 'cancelled' AND p.due_on = $1::date)::int AS due_today,
         count(*) FILTER (WHERE p.status = 'kept' AND p.due_on < $1::date - $6::int AND p.due_on >= $1::date - 365)::int AS kept,
         count(*) FILTER (WHERE p.status = 'broken' AND p.due_on < $1::date - $6::int AND p.due_on >= $1::date - 365)::int AS kept_broken
    FROM promises p JOIN interactions i ON i.id = p.interaction_id
   WHERE i.occurred_at < $2::timestamptz
     AND ($5::int[] IS NULL OR p.customer_id = ANY($5::int[]))
   GROUP BY p.customer_id
),
dp AS (
  SELECT d.customer_id, count(*)::int AS n,
         array_agg(coalesce(d.reason, '') ORDER BY d.opened_at, d.id) AS reasons,
         array_agg(inv.number ORDER BY d.opened_at, d.id) FILTER (WHERE inv.number IS NOT NULL) AS numbers
    FROM disputes d LEFT JOIN invoices inv ON inv.id = d.invoice_id
   WHERE d.opened_at < $2::timestamptz AND d.status <> 'cancelled'
     AND (d.resolved_at IS NULL OR d.resolved_at >= $2::timestamptz)
     AND ($5::int[] IS NULL OR d.customer_id = ANY($5::int[]))
     AND (inv.id IS NULL OR inv.open_amount + coalesce((
           SELECT sum(pa.amount) FROM payment_applications pa JOIN payments p ON p.id = pa.payment_id
            WHERE pa.invoice_id = inv.id AND p.received_on > $1::date), 0) > 0)
   GROUP BY d.customer_id
)
-- Every column the model does not need for all accounts is left NULL where there is nothing to say
-- (0 is read for a NULL count): tens of thousands of rows, and each value sent is a string to decode.
SELECT c.id,
       (ix_agg.last_touch AT TIME ZONE $3)::date::text AS last_touch,
       nullif(ix_agg.streak, 0) AS streak,
       (ix_agg.streak_since AT TIME ZONE $3)::date::text AS streak_since,
       CASE WHEN ix_agg.callback_at = ix_agg.last_touch THEN ix_agg.callback_on::text END AS callback_on,
       CASE WHEN ix_agg.callback_at = ix_agg.last_touch THEN (ix_agg.callback_at AT TIME ZONE $3)::date::text END AS callback_asked,
       nullif(pr.broken, 0) AS broken, pr.first_broken::text, pr.last_broken::text,
       pr.pending_on::text, pr.pending_amount::text AS pending_amount, nullif(pr.due_today, 0) AS due_today,
       nullif(pr.kept, 0) AS kept, nullif(pr.kept_broken, 0) AS kept_broken,
       dp.n AS disputes, dp.reasons AS dispute_reasons, dp.numbers AS dispute_numbers,
       l.listed, CASE WHEN l.listed THEN c.code END AS code, CASE WHEN l.listed THEN c.name END AS name,
       CASE WHEN l.listed THEN c.industry END AS industry, CASE WHEN l.listed THEN c.region END AS region,
       CASE WHEN l.listed THEN ${packedNumbers(null)} END AS numbers
  FROM customers c
  LEFT JOIN ix_agg ON ix_agg.customer_id = c.id
  LEFT JOIN pr ON pr.customer_id = c.id
  LEFT JOIN dp ON dp.customer_id = c.id
  CROSS JOIN LATERAL (
    SELECT coalesce(dp.n > 0 OR pr.pending_on IS NOT NULL
                    OR (ix_agg.callback_on <= $1::date AND ix_agg.callback_at = ix_agg.last_touch), false) AS listed
  ) l
 WHERE ix_agg.customer_id IS NOT NULL OR pr.customer_id IS NOT NULL OR dp.customer_id IS NOT NULL`;

/** The queries for a day with no payment received after it (mornings), and for any other day, per base. */
const SQL = new Map<string, { today: string; past: string; activity: string }>();
function sheetSql(base: string) {
  let q = SQL.get(base);
  if (!q) {
    q = { today: balancesSql(false, base), past: balancesSql(true, base), activity: activitySql(base) };
    SQL.set(base, q);
  }
  return q;
}

type Raw = Record<string, unknown>;
const text = (row: Raw, key: string) => (row[key] ?? null) as string | null;
const num = (row: Raw, key: string) => (row[key] ?? null) as number | null;
const int = (row: Raw, key: string) => Number(row[key] ?? 0);
const cents = (row: Raw, key: string) => centsFromDecimal(String(row[key] ?? '0'));
/** Columns already in integer cents (bigint sums travel as text). */
const wholeCents = (row: Raw, key: string) => Number(row[key] ?? 0);
const list = (row: Raw, key: string) => (row[key] ?? []) as string[];

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The year's days-to-pay sums (recent and prior half-year, squares) of the settled invoices read as arrays. */
export function paymentSumsOf(paid: Pick<PaidInvoices, 'daysToPay' | 'daysAgo'>): PaymentSums {
  let recentN = 0;
  let recentDt = 0;
  let priorN = 0;
  let priorDt = 0;
  let dt2 = 0;
  for (let k = 0; k < paid.daysToPay.length; k++) {
    const d = paid.daysToPay[k]!;
    if (paid.daysAgo[k]! < 182) {
      recentN++;
      recentDt += d;
    } else {
      priorN++;
      priorDt += d;
    }
    dt2 += d * d;
  }
  return { recent_n: recentN, recent_dt: recentDt, prior_n: priorN, prior_dt: priorDt, year_dt2: dt2 };
}

/** The five sums behind a customer's days-to-pay statistics (named as the queries name them). */
export type PaymentSums = {
  recent_n: number;
  recent_dt: number;
  prior_n: number;
  prior_dt: number;
  year_dt2: number;
};

/** Averages and spread of days-to-pay from the per-window sums the query returns. */
function paymentStats(row: Raw): AccountInputs['payments'] {
  const recentCount = int(row, 'recent_n');
  const priorCount = int(row, 'prior_n');
  const recentSum = Number(row.recent_dt ?? 0);
  const priorSum = Number(row.prior_dt ?? 0);
  const yearCount = recentCount + priorCount;
  const yearSum = recentSum + priorSum;
  const variance =
    yearCount > 1 ? (Number(row.year_dt2 ?? 0) - (yearSum * yearSum) / yearCount) / (yearCount - 1) : null;
  return {
    recentAvgDays: recentCount ? round1(recentSum / recentCount) : null,
    recentCount,
    priorAvgDays: priorCount ? round1(priorSum / priorCount) : null,
    priorCount,
    yearAvgDays: yearCount ? round1(yearSum / yearCount) : null,
    yearStddevDays: variance === null ? null : round1(Math.sqrt(Math.max(0, variance))),
    yearCount,
    monthlyAvgDays: NONE, // read for sheet rows only, by readPayTrends
  };
}

/**
 * One shared, frozen empty list for an account's lists that are empty or that its row fills in
 * later (by replacing them, never by adding to them): tens of thousands of accounts a day would
 * otherwise each get their own.
 */
const NONE: never[] = Object.freeze([]) as unknown as never[];

/**
 * Whole numbers packed by the database as text in groups ("a b c,a b c"; any may be negative) are
 * read digit by digit, one after another from `at.k`: no substring or array element is made for
 * each of the hundreds of thousands of numbers a day's reads return (the driver's arrays made each
 * one a string first, and that decoding was most of the read).
 */
function nextInteger(packed: string, at: { k: number }): number {
  let k = at.k;
  const negative = packed.charCodeAt(k) === 45; // '-'
  if (negative) k++;
  const first = k;
  let v = 0;
  for (; k < packed.length; k++) {
    const digit = packed.charCodeAt(k) - 48;
    if (digit < 0 || digit > 9) break;
    v = v * 10 + digit;
  }
  at.k = k + 1; // past the separator
  if (k === first) return Number.NaN; // an empty field: NULL
  return negative ? -v : v;
}

/** A packed field that may be NULL (empty). */
function nextNullable(packed: string, at: { k: number }): number | null {
  const v = nextInteger(packed, at);
  return Number.isNaN(v) ? null : v;
}

const isoOf = (day: number | null): IsoDate | null => (day === null ? null : isoOfDayNumber(day));

/** The read position in a packed text; one, reused: unpacking is synchronous. */
const cursor = { k: 0 };

/** An account's packed numbers (packedNumbers), in the order the queries write them. */
function unpackAccountNumbers(packed: string) {
  cursor.k = 0;
  return {
    customerId: nextInteger(packed, cursor),
    collectorId: nextNullable(packed, cursor),
    pinned: nextInteger(packed, cursor) === 1,
    termsDays: nextInteger(packed, cursor),
    expectedDaysToPay: nextNullable(packed, cursor),
    openCents: nextInteger(packed, cursor),
    overdueCents: nextInteger(packed, cursor),
    nextDueCents: nextInteger(packed, cursor),
    oldestDueDate: isoOf(nextNullable(packed, cursor)),
    nextDueDate: isoOf(nextNullable(packed, cursor)),
  };
}

type AccountNumbers = ReturnType<typeof unpackAccountNumbers>;

/** Packed groups of `width` whole numbers (see nextInteger) as `width` columns. */
export function unpackColumns(packed: string | null, width: number): number[][] {
  const columns: number[][] = Array.from({ length: width }, () => []);
  if (!packed) return columns;
  const at = { k: 0 };
  while (at.k < packed.length) for (const column of columns) column.push(nextInteger(packed, at));
  return columns;
}

/** Oldest due first (most days past due), then by id. */
const oldestDueFirst = (a: AccountInputs['open'][number], b: AccountInputs['open'][number]) =>
  b.dpd - a.dpd || a.id - b.id;

/** The balances query's packed open invoices ("id dpd cents,…"), one object each, oldest due first. */
export function unpackOpenInvoices(packed: string | null): AccountInputs['open'] {
  const out: AccountInputs['open'] = [];
  if (!packed) return out;
  const at = { k: 0 };
  let sorted = true;
  while (at.k < packed.length) {
    const i = { id: nextInteger(packed, at), dpd: nextInteger(packed, at), cents: nextInteger(packed, at) };
    if (sorted && out.length && oldestDueFirst(out[out.length - 1]!, i) > 0) sorted = false;
    out.push(i);
  }
  // Usually already in order (the rows come off an index by customer and due date).
  return sorted ? out : out.sort(oldestDueFirst);
}

// Most accounts have no calls, promises or disputes on record: they share one frozen value of each
// rather than allocating it (a day reads tens of thousands of accounts, and every object is GC work).
const NO_DISPUTES: AccountInputs['disputes'] = Object.freeze({
  openCount: 0,
  reasons: NONE,
  invoices: NONE,
});
const NO_PAYMENTS: AccountInputs['payments'] = Object.freeze(paymentStats({}));
const NO_ORDERS: AccountInputs['orders'] = Object.freeze({ last90Cents: 0, last90Count: 0 });

const interactionsOf = (row: Raw): AccountInputs['interactions'] => ({
  lastTouchOn: text(row, 'last_touch'),
  unansweredStreak: int(row, 'streak'),
  unansweredSince: text(row, 'streak_since'),
  callbackOn: text(row, 'callback_on'),
  callbackAskedOn: text(row, 'callback_asked'),
});

/** A promise on record that the day counts: broken lately, pending, due today, or judged this year. */
const hasPromises = (row: Raw): boolean =>
  row.first_broken != null ||
  row.pending_on != null ||
  row.due_today != null ||
  row.kept != null ||
  row.kept_broken != null;

const promisesOf = (row: Raw): AccountInputs['promises'] => ({
  brokenCount: int(row, 'broken'),
  firstBrokenOn: text(row, 'first_broken'),
  lastBrokenOn: text(row, 'last_broken'),
  pendingOn: text(row, 'pending_on'),
  pendingCents: cents(row, 'pending_amount'),
  dueTodayCount: int(row, 'due_today'),
  kept: int(row, 'kept'),
  broken: int(row, 'kept_broken'),
});

const disputesOf = (row: Raw): AccountInputs['disputes'] => ({
  openCount: int(row, 'disputes'),
  reasons: list(row, 'dispute_reasons').filter(Boolean),
  invoices: list(row, 'dispute_numbers'),
});

/** No calls, promises or disputes: the activity of a customer activitySql has no row for. */
const NO_ACTIVITY: Raw = Object.freeze({});

/** An account from its balances row (balancesSql, or activitySql for one with no money open) and its activity row. */
function toAccount(
  row: Raw,
  activity: Raw,
  n: AccountNumbers = unpackAccountNumbers(String(row.numbers)),
): AccountInputs {
  return {
    customerId: n.customerId,
    code: String(row.code),
    name: String(row.name),
    collectorId: n.collectorId,
    pinned: n.pinned,
    industry: text(row, 'industry'),
    region: text(row, 'region'),
    riskRating: null, // the factors below are read for the rows shown, by readScoreInputs
    establishedOn: null,
    firstOrderOn: null,
    termsDays: n.termsDays,
    expectedDaysToPay: n.expectedDaysToPay,
    marginPct: null,
    openCents: n.openCents,
    overdueCents: n.overdueCents,
    overdueSegments: NONE, // read for the ranked few, by readScoreInputs
    oldestDueDate: n.oldestDueDate,
    nextDueDate: n.nextDueDate,
    nextDueCents: n.nextDueCents,
    overdueInvoices: NONE, // read for the rows that show them, by readOverdueInvoices
    open: unpackOpenInvoices(text(row, 'open_invoices')),
    history: NO_HISTORY, // from the day's histories, by readSheetInputs
    payments: NO_PAYMENTS, // from the same
    orders: NO_ORDERS, // read for the rows shown, by readScoreInputs
    interactions: activity.last_touch == null ? NO_INTERACTIONS : interactionsOf(activity),
    promises: hasPromises(activity) ? promisesOf(activity) : NO_PROMISES,
    disputes: activity.disputes == null ? NO_DISPUTES : disputesOf(activity),
  };
}

/** An account left out of the day: some of its open money is in a currency with no rate then. */
export interface UnpricedAccount {
  customerId: number;
  code: string;
  name: string;
  currencies: string[];
}

export interface SheetDayInputs {
  /** Every customer with open money, a dispute, a promise pending or a callback due, by code. */
  accounts: AccountInputs[];
  /** Accounts refused for want of a rate (not in `accounts`): ranking them would miss money. */
  unpriced: UnpricedAccount[];
  /**
   * Every customer's settled year summed by peer segment (see DayInputs): customers with nothing
   * open still teach their peers through it.
   */
  historySums: PeerSums;
  promiseRecord: { kept: number; broken: number };
}

/** The histories summed by peer segment, in the order read (by customer id). */
function sumHistories(histories: ReadonlyMap<number, CustomerHistory>, lateDays: number): PeerSums {
  const sums = peerSums(lateDays);
  for (const h of histories.values()) addSample(sums, h.segment, h.history);
  return sums;
}

/** What the engine reads for a day: the accounts, and every customer's year of payments. */
export async function readSheetInputs(
  conn: SqlConn,
  q: SheetInputsQuery,
  histories: HistorySource = historiesFromInvoices,
): Promise<SheetDayInputs> {
  const later = await receivedAfter(conn, q.asOf);
  const accounts: AccountInputs[] = [];
  const unpriced: UnpricedAccount[] = [];
  const ids = q.customerIds ? [...q.customerIds] : null;
  const sql = sheetSql(q.base);
  // The accounts' activity and their balances are two queries, side by side on a pool (one after
  // the other in a transaction). Each balances row becomes an account as it arrives (the driver
  // keeps none) once the activity is in, which is first as a rule: it is the smaller half. An
  // activity row is taken by its account's balances; those left that are listed are accounts with
  // no money open.
  const activity = new Map<number, Raw>();
  let activityRead = false;
  const waiting: Raw[] = [];
  const add = (row: Raw) => {
    const currencies = row.unpriced as string[] | null;
    const n = unpackAccountNumbers(String(row.numbers));
    const own = activity.get(n.customerId);
    if (own) activity.delete(n.customerId);
    if (!currencies?.length) accounts.push(toAccount(row, own ?? NO_ACTIVITY, n));
    else
      unpriced.push({
        customerId: n.customerId,
        code: String(row.code),
        name: String(row.name),
        currencies: [...new Set(currencies.map((c) => c.trim()))].sort(),
      });
  };
  // The histories' sums are made while the queries still run on the server.
  const [, , [byCustomer, historySums], promiseRecord] = await Promise.all([
    withAggregateSettings(conn, (c) =>
      forEachRow<Raw>(
        c,
        sql.activity,
        [q.asOf, q.cutoff, q.timeZone, q.brokenPromiseWindowDays, ids, q.promiseGraceDays],
        (row) => {
          activity.set(Number(row.id), row);
        },
      ),
    ).then(() => {
      activityRead = true;
      for (const row of waiting) add(row);
      waiting.length = 0;
    }),
    withAggregateSettings(conn, (c) =>
      forEachRow<Raw>(c, later ? sql.past : sql.today, [q.asOf, ids, q.dueSoonDays], (row) => {
        if (activityRead) add(row);
        else waiting.push(row);
      }),
    ),
    histories(conn, q).then((h) => [h, sumHistories(h, q.lateDays)] as const),
    readPromiseRecord(conn, q.asOf, q.promiseGraceDays),
  ]);
  for (const row of activity.values()) if (row.listed) accounts.push(toAccount(row, row));
  for (const a of accounts) {
    const own = byCustomer.get(a.customerId);
    if (own) {
      a.payments = paymentStats(own.payments);
      a.history = own.history;
    }
  }
  // Sorted here rather than in SQL, where the sort would carry every wide row.
  accounts.sort(byCode);
  unpriced.sort(byCode);
  return { accounts, unpriced, historySums, promiseRecord };
}

/** A customer's settled year as the engine uses it: the lateness model's summary and the days-to-pay sums. */
export interface CustomerHistory {
  segment: Segment;
  history: PayHistory;
  payments: PaymentSums;
}

/** Where a day's customer histories come from: summed from invoices, or the stored profiles. */
export type HistorySource = (
  conn: SqlConn,
  q: Pick<SheetInputsQuery, 'asOf' | 'customerIds' | 'lateDays' | 'halfLifeDays' | 'base'>,
) => Promise<ReadonlyMap<number, CustomerHistory>>;

/** The histories of the invoices a source reads, summarised (in the source's customer order). */
export function summarised(source: PaidInvoiceSource): HistorySource {
  return async (conn, q) => {
    const out = new Map<number, CustomerHistory>();
    for (const [id, { segment, paid }] of await source(conn, q))
      out.set(id, {
        segment,
        history: payHistoryOf(paid, q.lateDays, q.halfLifeDays),
        payments: paymentSumsOf(paid),
      });
    return out;
  };
}

/** Where a day's settled invoices come from: the database, or a range read once (backtests). */
export type PaidInvoiceSource = (
  conn: SqlConn,
  q: Pick<SheetInputsQuery, 'asOf' | 'customerIds' | 'base'>,
) => Promise<Map<number, { segment: Segment; paid: PaidInvoices }>>;

/**
 * A settled invoice's amount in base cents at the rate of `day`. History weighs each invoice
 * against the customer's mean, so only the currencies' relative sizes matter: an invoice whose
 * currency has no rate keeps its own amount here (its customer's open money, if any, is refused).
 */
const paidCents = (day: string, base: string) =>
  `coalesce(${toBaseSql('i.amount', 'i.currency', day, base)}, i.amount) * 100`;

/**
 * Every invoice settled in the year before `from` through `to`, read once, as a source that cuts
 * each day's year out in memory: a backtest or a fit replays hundreds of days whose years overlap
 * almost entirely, and reading each again is most of the cost of a day.
 */
export async function preloadPaidInvoices(
  conn: SqlConn,
  from: IsoDate,
  to: IsoDate,
  base: string,
): Promise<PaidInvoiceSource> {
  const rows = await conn.query<Raw>(
    `SELECT i.customer_id, c.terms_days, c.industry, c.region,
            string_agg((i.paid_on - DATE '1970-01-01') || ' ' || (i.issue_date - DATE '1970-01-01')
                       || ' ' || (i.paid_on - i.due_date) || ' ' || (i.paid_on - i.issue_date)
                       || ' ' || (${paidCents('$2::date', base)})::int8, ',' ORDER BY i.id) AS invoices
       FROM invoices i JOIN customers c ON c.id = i.customer_id
      WHERE i.paid_on <= $2::date AND i.paid_on > $1::date - 365 AND i.status <> 'void'
      GROUP BY i.customer_id, c.terms_days, c.industry, c.region
      ORDER BY i.customer_id`,
    [from, to],
  );
  const customers = rows.map((row) => {
    // Paid on and issued (days since 1970), days late, days to pay, cents: see unpackColumns.
    const [paid, issued, x, d, a] = unpackColumns(text(row, 'invoices'), 5) as [
      number[],
      number[],
      number[],
      number[],
      number[],
    ];
    return {
      id: int(row, 'customer_id'),
      segment: {
        termsDays: int(row, 'terms_days'),
        industry: text(row, 'industry'),
        region: text(row, 'region'),
      },
      paid,
      issued,
      x,
      d,
      a,
    };
  });
  return async (_conn, q) => {
    const day = Date.parse(`${q.asOf}T00:00:00Z`) / 86_400_000;
    const only = q.customerIds ? new Set(q.customerIds) : null;
    const out = new Map<number, { segment: Segment; paid: PaidInvoices }>();
    for (const c of customers) {
      if (only && !only.has(c.id)) continue;
      const daysLate: number[] = [];
      const daysAgo: number[] = [];
      const daysToPay: number[] = [];
      const cents: number[] = [];
      for (let k = 0; k < c.paid.length; k++) {
        const ago = day - c.paid[k]!;
        if (ago < 0 || ago >= 365 || c.issued[k]! > day) continue;
        daysLate.push(c.x[k]!);
        daysAgo.push(ago);
        daysToPay.push(c.d[k]!);
        cents.push(c.a[k]!);
      }
      if (cents.length) out.set(c.id, { segment: c.segment, paid: { daysLate, daysAgo, daysToPay, cents } });
    }
    return out;
  };
}

/**
 * Each customer's invoices settled in the year up to the day (days late, days ago, cents), as
 * arrays per customer with its segment: one row per customer is far cheaper to aggregate and send
 * than one per invoice, and leaves the summary to the model.
 */
export const readPaidInvoices: PaidInvoiceSource = async (conn, q) => {
  const rows = await conn.query<Raw>(
    // Each settled invoice as "days late, days ago, days to pay, cents" in one packed text per
    // customer (see unpackColumns).
    `SELECT i.customer_id, c.terms_days, c.industry, c.region,
            string_agg((i.paid_on - i.due_date) || ' ' || ($1::date - i.paid_on) || ' ' || (i.paid_on - i.issue_date)
                       || ' ' || (${paidCents('$1::date', q.base)})::int8, ',' ORDER BY i.id) AS paid
       FROM invoices i JOIN customers c ON c.id = i.customer_id
      WHERE i.paid_on <= $1::date AND i.paid_on > $1::date - 365 AND i.issue_date <= $1::date
        AND i.status <> 'void' AND ($2::int[] IS NULL OR i.customer_id = ANY($2::int[]))
      GROUP BY i.customer_id, c.terms_days, c.industry, c.region
      ORDER BY i.customer_id`,
    [q.asOf, q.customerIds ? [...q.customerIds] : null],
  );
  const out = new Map<number, { segment: Segment; paid: PaidInvoices }>();
  for (const row of rows) {
    const [daysLate, daysAgo, daysToPay, cents] = unpackColumns(text(row, 'paid'), 4) as [
      number[],
      number[],
      number[],
      number[],
    ];
    out.set(int(row, 'customer_id'), {
      segment: {
        termsDays: int(row, 'terms_days'),
        industry: text(row, 'industry'),
        region: text(row, 'region'),
      },
      paid: { daysLate, daysAgo, daysToPay, cents },
    });
  }
  return out;
};

/** The default: every history summed from the invoices as of the day. */
export const historiesFromInvoices: HistorySource = summarised(readPaidInvoices);

export interface SheetHolderRow {
  id: number;
  code: string;
  name: string;
  timeZone: string;
  dailyCapacity: number;
  role: 'collector' | 'manager';
}

/** Who gets a sheet: active collectors, and managers who carry accounts of their own. */
export async function readSheetHolders(conn: SqlConn): Promise<SheetHolderRow[]> {
  return conn.query<SheetHolderRow & Raw>(
    `SELECT c.id, c.code, c.name, c.time_zone AS "timeZone", c.daily_capacity AS "dailyCapacity", c.role::text AS role
       FROM collectors c
      WHERE c.active AND (c.role = 'collector' OR EXISTS (SELECT 1 FROM customers cu WHERE cu.collector_id = c.id))
      ORDER BY c.code`,
  );
}

export interface ContactRow {
  customerId: number;
  name: string;
  role: string;
  phone: string | null;
  email: string | null;
  preferredChannel: 'phone' | 'email' | 'sms';
  primary: boolean;
}

/** Contacts of the given customers, primary first. */
export async function readContacts(
  conn: SqlConn,
  customerIds: readonly number[],
): Promise<Map<number, ContactRow[]>> {
  const rows = await conn.query<ContactRow & Raw>(
    `SELECT customer_id AS "customerId", name, role::text AS role, phone, email,
            preferred_channel::text AS "preferredChannel", "primary"
       FROM contacts WHERE customer_id = ANY($1::int[])
      ORDER BY customer_id, "primary" DESC, id`,
    [[...customerIds]],
  );
  const byCustomer = new Map<number, ContactRow[]>();
  for (const row of rows) {
    const list = byCustomer.get(row.customerId) ?? [];
    list.push(row);
    byCustomer.set(row.customerId, list);
  }
  return byCustomer;
}
