// What the backtest needs from history, in set-based SQL over the same reconstructed balances as
// the KPIs: who was overdue on each day (for the baseline policies, using only what was known
// then), and what happened afterwards (for scoring every policy's lists).
import type { IsoDate } from '../domain/calendar.ts';
import { centsFromDecimal } from '../domain/money.ts';
import { BALANCE_INTERVALS_SQL } from './kpi-inputs.ts';
import type { SqlConn } from './sql.ts';

export interface OverdueAccount {
  customerId: number;
  overdueCents: number;
  /** Issue date of the oldest overdue invoice. */
  oldestIssue: IsoDate;
}

/** Each of `days`: the customers with a past-due balance at the end of that day. */
export async function overdueByDay(
  conn: SqlConn,
  days: readonly IsoDate[],
): Promise<Map<IsoDate, OverdueAccount[]>> {
  const out = new Map<IsoDate, OverdueAccount[]>(days.map((d) => [d, []]));
  if (!days.length) return out;
  const from = days.reduce((a, b) => (a < b ? a : b));
  const to = days.reduce((a, b) => (a > b ? a : b));
  const rows = await conn.query<{ day: string; customer_id: number; overdue: string; oldest: string }>(
    `WITH ${BALANCE_INTERVALS_SQL},
     overdue AS (
       SELECT g.day::date AS day, i.customer_id, iv.balance, i.issue_date
         FROM intervals iv JOIN invoices i ON i.id = iv.invoice_id
        CROSS JOIN LATERAL generate_series(
              greatest(iv.from_d, i.due_date + 1, $1::date)::timestamp,
              least(coalesce(iv.to_d - 1, $2::date), $2::date)::timestamp, interval '1 day') AS g(day)
        WHERE iv.balance > 0 AND iv.from_d <= $2::date AND (iv.to_d IS NULL OR iv.to_d > $1::date)
          AND i.due_date < $2::date
     )
     SELECT o.day::text AS day, o.customer_id, sum(o.balance)::text AS overdue, min(o.issue_date)::text AS oldest
       FROM overdue o JOIN unnest($3::date[]) AS d(day) ON d.day = o.day
      GROUP BY 1, 2`,
    [from, to, days],
  );
  for (const r of rows)
    out.get(r.day)?.push({
      customerId: r.customer_id,
      overdueCents: centsFromDecimal(r.overdue),
      oldestIssue: r.oldest,
    });
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
}

/**
 * Scores every policy's daily lists against what happened after each day. An invoice's fate is
 * known when it was settled, or when it was still open more than `lateDays` past due on the last
 * observed day; invoices whose fate is unknown count nowhere.
 */
export async function measureOutcomes(
  conn: SqlConn,
  q: OutcomeQuery,
): Promise<{ days: DayOutcome[]; leads: InvoiceLead[] }> {
  // Lists travel as three integer arrays (policy and day as 1-based indexes): far cheaper to
  // send and parse than one text and one date per entry.
  const policyNo = new Map(q.policies.map((p, k) => [p, k + 1]));
  const dayNo = new Map(q.days.map((d, k) => [d, k + 1]));
  const common = [
    q.from,
    q.to,
    q.lists.map((l) => policyNo.get(l.policy) ?? 0),
    q.lists.map((l) => dayNo.get(l.day) ?? 0),
    q.lists.map((l) => l.customerId),
    q.observedThrough,
    q.lateDays,
    q.policies,
    q.days,
  ];
  const fate = `${BALANCE_INTERVALS_SQL},
     settled AS (SELECT invoice_id, min(from_d) AS settled_on FROM intervals WHERE balance <= 0 GROUP BY 1),
     fate AS (
       SELECT i.id, i.customer_id, i.issue_date, i.due_date, s.settled_on,
              coalesce(s.settled_on > i.due_date + $7::int, $6::date > i.due_date + $7::int) AS bad,
              coalesce(s.settled_on <= i.due_date, false) AS on_time,
              s.settled_on IS NULL AND $6::date <= i.due_date + $7::int AS unknown
         FROM invoices i LEFT JOIN settled s ON s.invoice_id = i.id
        WHERE i.status <> 'void'
     ),
     lists AS (
       SELECT ($8::text[])[l.p] AS policy, ($9::date[])[l.d] AS day, l.customer_id
         FROM unnest($3::int[], $4::int[], $5::int[]) AS l(p, d, customer_id)
     )`;
  const dayRows = await conn.query<{
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
    `WITH ${fate},
     late_open AS (
       SELECT g.day::date AS day, f.customer_id, iv.balance, f.bad, f.unknown, g.day::date <= f.due_date + $7::int AS early
         FROM intervals iv JOIN fate f ON f.id = iv.invoice_id
        CROSS JOIN LATERAL generate_series(greatest(iv.from_d, $1::date)::timestamp,
              least(coalesce(iv.to_d - 1, $2::date), $2::date)::timestamp, interval '1 day') AS g(day)
        WHERE iv.balance > 0 AND NOT f.on_time AND iv.from_d <= $2::date AND (iv.to_d IS NULL OR iv.to_d > $1::date)
     ),
     by_customer AS (
       SELECT o.day, o.customer_id,
              coalesce(sum(o.balance) FILTER (WHERE o.bad), 0) AS at_risk,
              coalesce(sum(o.balance) FILTER (WHERE o.bad AND o.early), 0) AS early_at_risk,
              bool_or(o.unknown) AS unknown
         FROM late_open o JOIN unnest($9::date[]) AS d(day) ON d.day = o.day
        GROUP BY 1, 2
     ),
     totals AS (
       SELECT day, sum(at_risk) AS at_risk, sum(early_at_risk) AS early_at_risk FROM by_customer GROUP BY 1
     ),
     scored AS (
       SELECT l.policy, l.day, count(*)::int AS calls, count(*) FILTER (WHERE b.customer_id IS NULL)::int AS wasted,
              count(*) FILTER (WHERE b.customer_id IS NULL OR (b.at_risk = 0 AND NOT b.unknown))::int AS no_risk,
              coalesce(sum(b.at_risk), 0) AS covered, coalesce(sum(b.early_at_risk), 0) AS early_covered
         FROM lists l LEFT JOIN by_customer b ON b.day = l.day AND b.customer_id = l.customer_id
        GROUP BY 1, 2
     )
     SELECT p.policy, d.day::text AS day, coalesce(s.calls, 0) AS calls, coalesce(s.wasted, 0) AS wasted,
            coalesce(s.no_risk, 0) AS no_risk,
            coalesce(s.covered, 0)::text AS covered, coalesce(s.early_covered, 0)::text AS early_covered,
            coalesce(t.at_risk, 0)::text AS at_risk, coalesce(t.early_at_risk, 0)::text AS early_at_risk
       FROM unnest($8::text[]) AS p(policy) CROSS JOIN unnest($9::date[]) AS d(day)
       LEFT JOIN scored s ON s.policy = p.policy AND s.day = d.day
       LEFT JOIN totals t ON t.day = d.day
      ORDER BY 1, 2`,
    common,
  );
  const leadRows = await conn.query<{
    policy: string;
    invoice_id: number;
    day60: string;
    lead: number | null;
  }>(
    `WITH ${fate},
     reached AS (
       SELECT id, customer_id, issue_date, due_date + $10::int AS day60 FROM fate
        WHERE due_date + $10::int BETWEEN $1::date AND $2::date
          AND (settled_on IS NULL OR settled_on > due_date + $10::int)
     )
     SELECT p.policy, r.id AS invoice_id, r.day60::text AS day60,
            (r.day60 - min(l.day))::int AS lead
       FROM reached r CROSS JOIN unnest($8::text[]) AS p(policy)
       LEFT JOIN lists l ON l.policy = p.policy AND l.customer_id = r.customer_id
             AND l.day BETWEEN greatest(r.issue_date, $1::date) AND r.day60
      GROUP BY p.policy, r.id, r.day60
      ORDER BY 1, 3, 2`,
    [...common, q.troubleDays],
  );
  return {
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
    })),
  };
}
