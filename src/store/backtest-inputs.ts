// What the backtest needs from history, in set-based SQL over the same reconstructed balances as
// the KPIs: who had open and overdue money on each day (for the baseline policies, using only
// what was known then), and what happened afterwards (for scoring every policy's lists).
import type { IsoDate } from '../domain/calendar.ts';
import { centsFromDecimal } from '../domain/money.ts';
import { toBaseSql } from './fx-rates.ts';
import { BALANCE_INTERVALS_SQL } from './kpi-inputs.ts';
import type { Sql, SqlConn } from './sql.ts';

export interface OpenAccount {
  customerId: number;
  openCents: number;
  overdueCents: number;
  /** Issue date of the oldest overdue invoice (null: nothing overdue), and of the oldest open one. */
  oldestOverdueIssue: IsoDate | null;
  oldestOpenIssue: IsoDate;
}

/** Each of `days`: the customers with open money at the end of that day, with their overdue part. */
export async function openByDay(
  conn: SqlConn,
  days: readonly IsoDate[],
  base: string,
): Promise<Map<IsoDate, OpenAccount[]>> {
  const out = new Map<IsoDate, OpenAccount[]>(days.map((d) => [d, []]));
  if (!days.length) return out;
  // One row per day with the accounts as parallel arrays: far fewer rows to send than one per
  // day and customer.
  const rows = await conn.query<{
    day: string;
    ids: number[];
    open: string[];
    overdue: string[];
    oldest_overdue: (string | null)[];
    oldest_open: string[];
  }>(
    `WITH ${BALANCE_INTERVALS_SQL},
     valued AS (
       SELECT d.day, i.customer_id, i.due_date, i.issue_date,
              ${toBaseSql('iv.balance', 'iv.currency', 'd.day', base)} AS balance
         FROM unnest($1::date[]) AS d(day)
         JOIN intervals iv ON iv.from_d <= d.day AND (iv.to_d IS NULL OR d.day < iv.to_d)
         JOIN invoices i ON i.id = iv.invoice_id
        WHERE iv.balance > 0
     ),
     accounts AS (
       SELECT day, customer_id, sum(balance) AS open,
              coalesce(sum(balance) FILTER (WHERE due_date < day), 0) AS overdue,
              min(issue_date) FILTER (WHERE due_date < day) AS oldest_overdue,
              min(issue_date) AS oldest_open
         FROM valued
        GROUP BY 1, 2
     )
     SELECT day::text AS day, array_agg(customer_id ORDER BY customer_id) AS ids,
            array_agg(open::text ORDER BY customer_id) AS open,
            array_agg(overdue::text ORDER BY customer_id) AS overdue,
            array_agg(oldest_overdue::text ORDER BY customer_id) AS oldest_overdue,
            array_agg(oldest_open::text ORDER BY customer_id) AS oldest_open
       FROM accounts GROUP BY day`,
    [days],
  );
  for (const r of rows)
    out.set(
      r.day,
      r.ids.map((customerId, k) => ({
        customerId,
        openCents: centsFromDecimal(r.open[k]!),
        overdueCents: centsFromDecimal(r.overdue[k]!),
        oldestOverdueIssue: r.oldest_overdue[k] ?? null,
        oldestOpenIssue: r.oldest_open[k]!,
      })),
    );
  return out;
}

/** The last day the ledger knows about: outcomes after it are unknown. */
export async function observedThrough(conn: SqlConn): Promise<IsoDate | null> {
  const [row] = await conn.query<{ last: string | null }>(
    `SELECT greatest((SELECT max(issue_date) FROM invoices), (SELECT max(received_on) FROM payments))::text AS last`,
  );
  return row?.last ?? null;
}

export interface ListEntry {
  policy: string;
  day: IsoDate;
  customerId: number;
}

export interface DayOutcome {
  policy: string;
  day: IsoDate;
  calls: number;
  /** Listed customers whose open invoices that day were all paid on time anyway. */
  wastedCalls: number;
  /** Listed customers none of whose open invoices that day went on to be paid > 30 days late or never. */
  noRiskCalls: number;
  /** Open that day on invoices later paid > 30 days late or never: on the list / everyone's. */
  coveredCents: number;
  atRiskCents: number;
  /** The same, counting only invoices not yet 30 days past due that day (still preventable). */
  earlyCoveredCents: number;
  earlyAtRiskCents: number;
}

export interface InvoiceLead {
  policy: string;
  invoiceId: number;
  /** The day the invoice reached 60 days past due still unpaid. */
  day60: IsoDate;
  /** Days before `day60` that its customer first appeared on a list; null = never. */
  leadDays: number | null;
  /** Its balance that day, in the base currency (at the rate of the balance's first day). */
  cents: number;
}

export interface OutcomeQuery {
  from: IsoDate;
  to: IsoDate;
  days: readonly IsoDate[];
  policies: readonly string[];
  lists: readonly ListEntry[];
  observedThrough: IsoDate;
  /** Days late beyond which a payment counts as bad (30). */
  lateDays: number;
  /** Days past due at which an invoice is in trouble, for the lead time (60). */
  troubleDays: number;
  /** Invoices whose fate to return (late or not), for the calibration of predictions. */
  fateOf?: readonly number[];
  /** The base currency every amount is counted in. */
  base: string;
  /**
   * Also score this policy id as the hindsight ceiling: each day, as many calls as `lists` holds for
   * `callsLike` that day, on the customers with the most still-early late money (then all late money),
   * read from what happened afterwards. No policy can cover more of the headline figure.
   */
  hindsight?: { policy: string; callsLike: string };
}

export interface Outcomes {
  days: DayOutcome[];
  leads: InvoiceLead[];
  /** Customers with money open in the period that went on to be late: few means a noisy comparison. */
  lateCustomers: number;
  /** Of `fateOf`, the invoices with a known fate: true = late (or never paid). */
  fates: Map<number, boolean>;
}

/**
 * Temporary tables (dropped at commit) of each invoice's balance history and fate, and of the open
 * stretches [from_d, to_d) of the invoices not paid on time that touch the period (by customer).
 */
async function createFateTables(
  tx: SqlConn,
  q: Pick<OutcomeQuery, 'from' | 'to' | 'observedThrough' | 'lateDays' | 'base'>,
): Promise<void> {
  await tx.query(
    `CREATE TEMP TABLE bt_intervals ON COMMIT DROP AS WITH ${BALANCE_INTERVALS_SQL} SELECT * FROM intervals`,
  );
  await tx.query(
    `CREATE TEMP TABLE bt_fate ON COMMIT DROP AS
       WITH settled AS (SELECT invoice_id, min(from_d) AS settled_on FROM bt_intervals WHERE balance <= 0 GROUP BY 1)
       SELECT i.id, i.customer_id, i.issue_date, i.due_date, s.settled_on,
              coalesce(s.settled_on > i.due_date + $2::int, $1::date > i.due_date + $2::int) AS bad,
              coalesce(s.settled_on <= i.due_date, false) AS on_time,
              s.settled_on IS NULL AND $1::date <= i.due_date + $2::int AS unknown
         FROM invoices i LEFT JOIN settled s ON s.invoice_id = i.id
        WHERE i.status <> 'void'`,
    [q.observedThrough, q.lateDays],
  );
  // Open stretches [from_d, to_d) of invoices not paid on time that touch the period, valued in
  // base at the rate of the stretch's first day (one rate per stretch: both sides of a coverage
  // ratio are valued alike, and a rate per day would be a look-up per day and stretch).
  await tx.query(
    `CREATE TEMP TABLE bt_late ON COMMIT DROP AS
       SELECT f.customer_id, iv.from_d, coalesce(iv.to_d, 'infinity'::date) AS to_d,
              ${toBaseSql('iv.balance', 'iv.currency', 'iv.from_d', q.base)} AS balance,
              f.bad, f.unknown, f.due_date + $3::int AS late_from
         FROM bt_intervals iv JOIN bt_fate f ON f.id = iv.invoice_id
        WHERE iv.balance > 0 AND NOT f.on_time AND iv.from_d <= $2::date AND (iv.to_d IS NULL OR iv.to_d > $1::date)`,
    [q.from, q.to, q.lateDays],
  );
  await tx.query('CREATE INDEX ON bt_late (customer_id)');
}

/** A customer's late money on a day: all of it, and the part not yet L days past due. */
export interface LateMoney {
  lateCents: number;
  earlyCents: number;
}

/**
 * For each of `days`, every customer's money open that day that went on to be paid more than L
 * days late (or never), and the still-early part: what a list that day could have covered. The
 * fit's objective, read once and scored for many parameter sets in memory.
 */
export async function lateMoneyByDay(
  conn: Pick<Sql, 'transaction'>,
  q: Pick<OutcomeQuery, 'days' | 'observedThrough' | 'lateDays' | 'base'>,
): Promise<Map<IsoDate, Map<number, LateMoney>>> {
  const out = new Map<IsoDate, Map<number, LateMoney>>(q.days.map((d) => [d, new Map()]));
  if (!q.days.length) return out;
  const from = q.days.reduce((a, b) => (a < b ? a : b));
  const to = q.days.reduce((a, b) => (a > b ? a : b));
  return conn.transaction(async (tx) => {
    await createFateTables(tx, {
      from,
      to,
      observedThrough: q.observedThrough,
      lateDays: q.lateDays,
      base: q.base,
    });
    const rows = await tx.query<{ day: string; customer_id: number; late: string; early: string }>(
      `SELECT d.day::text AS day, b.customer_id, sum(b.balance)::text AS late,
              coalesce(sum(b.balance) FILTER (WHERE d.day <= b.late_from), 0)::text AS early
         FROM unnest($1::date[]) AS d(day)
         JOIN bt_late b ON b.from_d <= d.day AND d.day < b.to_d
        WHERE b.bad
        GROUP BY 1, 2`,
      [q.days],
    );
    for (const r of rows)
      out.get(r.day)?.set(Number(r.customer_id), {
        lateCents: centsFromDecimal(r.late),
        earlyCents: centsFromDecimal(r.early),
      });
    return out;
  });
}

/** The hindsight ceiling's lists, in SQL beside the others: ranked by the late money that day. */
async function addHindsightLists(
  tx: SqlConn,
  days: readonly IsoDate[],
  h: NonNullable<OutcomeQuery['hindsight']>,
): Promise<void> {
  await tx.query(
    `INSERT INTO bt_lists (policy, day, customer_id)
     SELECT $2::text, r.day, r.customer_id
       FROM (SELECT d.day, b.customer_id,
                    row_number() OVER (PARTITION BY d.day
                      ORDER BY coalesce(sum(b.balance) FILTER (WHERE d.day <= b.late_from), 0) DESC,
                               sum(b.balance) DESC, b.customer_id) AS rank
               FROM unnest($1::date[]) AS d(day)
               JOIN bt_late b ON b.from_d <= d.day AND d.day < b.to_d
              WHERE b.bad
              GROUP BY d.day, b.customer_id) r
       JOIN (SELECT day, count(*) AS calls FROM bt_lists WHERE policy = $3 GROUP BY day) c ON c.day = r.day
      WHERE r.rank <= c.calls`,
    [days, h.policy, h.callsLike],
  );
}

/**
 * Scores every policy's daily lists against what happened after each day. An invoice's fate is
 * known when it was settled, or when it was still open more than `lateDays` past due on the last
 * observed day; invoices whose fate is unknown count nowhere. Runs in one transaction over
 * temporary tables (dropped at commit): each invoice's balance history and fate, the open
 * stretches of the invoices not paid on time (indexed by customer), and the lists.
 */
export async function measureOutcomes(conn: Pick<Sql, 'transaction'>, q: OutcomeQuery): Promise<Outcomes> {
  return conn.transaction(async (tx) => {
    await createFateTables(tx, q);
    // Lists travel as three integer arrays (policy and day as 1-based indexes): far cheaper to
    // send and parse than one text and one date per entry.
    const policyNo = new Map(q.policies.map((p, k) => [p, k + 1]));
    const dayNo = new Map(q.days.map((d, k) => [d, k + 1]));
    await tx.query(
      `CREATE TEMP TABLE bt_lists ON COMMIT DROP AS
       SELECT ($4::text[])[l.p] AS policy, ($5::date[])[l.d] AS day, l.customer_id
         FROM unnest($1::int[], $2::int[], $3::int[]) AS l(p, d, customer_id)`,
      [
        q.lists.map((l) => policyNo.get(l.policy) ?? 0),
        q.lists.map((l) => dayNo.get(l.day) ?? 0),
        q.lists.map((l) => l.customerId),
        q.policies,
        q.days,
      ],
    );
    if (q.hindsight) await addHindsightLists(tx, q.days, q.hindsight);
    await tx.query('ANALYZE bt_fate, bt_late, bt_lists');
    const dayRows = await tx.query<{
      policy: string;
      day: string;
      calls: number;
      wasted: number;
      no_risk: number;
      covered: string;
      early_covered: string;
      at_risk: string;
      early_at_risk: string;
    }>(
      `WITH days AS (SELECT unnest($1::date[]) AS day),
       totals AS (
         SELECT g.day::date AS day, sum(b.balance) AS at_risk,
                coalesce(sum(b.balance) FILTER (WHERE g.day::date <= b.late_from), 0) AS early_at_risk
           FROM bt_late b
          CROSS JOIN LATERAL generate_series(greatest(b.from_d, $2::date)::timestamp,
                least(b.to_d - 1, $3::date)::timestamp, interval '1 day') AS g(day)
          WHERE b.bad
          GROUP BY 1
       ),
       entries AS (
         SELECT l.policy, l.day, x.any_late, x.unknown, coalesce(x.at_risk, 0) AS at_risk,
                coalesce(x.early_at_risk, 0) AS early_at_risk
           FROM bt_lists l
           LEFT JOIN LATERAL (
             SELECT true AS any_late, bool_or(b.unknown) AS unknown,
                    sum(b.balance) FILTER (WHERE b.bad) AS at_risk,
                    sum(b.balance) FILTER (WHERE b.bad AND l.day <= b.late_from) AS early_at_risk
               FROM bt_late b
              WHERE b.customer_id = l.customer_id AND b.from_d <= l.day AND l.day < b.to_d
             HAVING count(*) > 0
           ) x ON true
       ),
       scored AS (
         SELECT policy, day, count(*)::int AS calls,
                count(*) FILTER (WHERE any_late IS NULL)::int AS wasted,
                count(*) FILTER (WHERE any_late IS NULL OR (at_risk = 0 AND NOT unknown))::int AS no_risk,
                sum(at_risk) AS covered, sum(early_at_risk) AS early_covered
           FROM entries GROUP BY 1, 2
       )
       SELECT p.policy, d.day::text AS day, coalesce(s.calls, 0) AS calls, coalesce(s.wasted, 0) AS wasted,
              coalesce(s.no_risk, 0) AS no_risk,
              coalesce(s.covered, 0)::text AS covered, coalesce(s.early_covered, 0)::text AS early_covered,
              coalesce(t.at_risk, 0)::text AS at_risk, coalesce(t.early_at_risk, 0)::text AS early_at_risk
         FROM unnest($4::text[]) AS p(policy) CROSS JOIN days d
         LEFT JOIN scored s ON s.policy = p.policy AND s.day = d.day
         LEFT JOIN totals t ON t.day = d.day
        ORDER BY 1, 2`,
      [q.days, q.from, q.to, q.policies],
    );
    const leadRows = await tx.query<{
      policy: string;
      invoice_id: number;
      day60: string;
      lead: number | null;
      balance: string;
    }>(
      `WITH reached AS (
         SELECT f.id, f.customer_id, f.issue_date, f.due_date + $3::int AS day60,
                coalesce(${toBaseSql('iv.balance', 'iv.currency', 'iv.from_d', q.base)}, 0) AS balance
           FROM bt_fate f
           LEFT JOIN bt_intervals iv ON iv.invoice_id = f.id AND iv.from_d <= f.due_date + $3::int
                AND (iv.to_d IS NULL OR iv.to_d > f.due_date + $3::int)
          WHERE f.due_date + $3::int BETWEEN $1::date AND $2::date
            AND (f.settled_on IS NULL OR f.settled_on > f.due_date + $3::int)
       )
       SELECT p.policy, r.id AS invoice_id, r.day60::text AS day60, (r.day60 - min(l.day))::int AS lead,
              r.balance::text AS balance
         FROM reached r CROSS JOIN unnest($4::text[]) AS p(policy)
         LEFT JOIN bt_lists l ON l.policy = p.policy AND l.customer_id = r.customer_id
               AND l.day BETWEEN greatest(r.issue_date, $1::date) AND r.day60
        GROUP BY p.policy, r.id, r.day60, r.balance
        ORDER BY 1, 3, 2`,
      [q.from, q.to, q.troubleDays, q.policies],
    );
    const [late] = await tx.query<{ n: number }>(
      'SELECT count(DISTINCT customer_id)::int AS n FROM bt_late WHERE bad',
    );
    const fateRows = q.fateOf?.length
      ? await tx.query<{ id: number; bad: boolean }>(
          'SELECT id, bad FROM bt_fate WHERE NOT unknown AND id = ANY($1::int[])',
          [[...new Set(q.fateOf)]],
        )
      : [];
    return {
      lateCustomers: late?.n ?? 0,
      fates: new Map(fateRows.map((r) => [Number(r.id), Boolean(r.bad)])),
      days: dayRows.map((r) => ({
        policy: r.policy,
        day: r.day,
        calls: r.calls,
        wastedCalls: r.wasted,
        noRiskCalls: r.no_risk,
        coveredCents: centsFromDecimal(r.covered),
        atRiskCents: centsFromDecimal(r.at_risk),
        earlyCoveredCents: centsFromDecimal(r.early_covered),
        earlyAtRiskCents: centsFromDecimal(r.early_at_risk),
      })),
      leads: leadRows.map((r) => ({
        policy: r.policy,
        invoiceId: r.invoice_id,
        day60: r.day60,
        leadDays: r.lead,
        cents: centsFromDecimal(r.balance),
      })),
    };
  });
}
