// Set-based inputs of the collections KPIs, as of any past date. Receivables as of a day D are
// reconstructed from history — invoices issued on or before D less the payment applications of
// payments received on or before D — so the figures hold for any imported ledger, not only for
// today's balances. Everything is grouped by the customer's collector (null = unassigned).
import type { IsoDate } from '../domain/calendar.ts';
import { OUTCOMES } from '../domain/grammar/outcomes.ts';
import { type AgingBasis, CURRENT_LIMIT_DAYS } from '../domain/kpis/aging.ts';
import { centsFromDecimal } from '../domain/money.ts';
import { toBaseSql } from './fx-rates.ts';
import type { SqlConn } from './sql.ts';

/**
 * One row per invoice and stretch of time over which its balance did not change:
 * [from_d, to_d) with `balance` in the invoice's `currency` (to_d null = still the balance today).
 * Readers value it in base at the rate of the day they look at (toBaseSql); reports first refuse a
 * ledger with a currency that has no rate for its first invoice (readRateGaps), so none is NULL.
 * A payment dated before its invoice counts from the invoice date. Void invoices are not receivables.
 */
export const BALANCE_INTERVALS_SQL = `
  applied AS (
    SELECT pa.invoice_id, greatest(p.received_on, i.issue_date) AS on_date, sum(pa.amount) AS amount
      FROM payment_applications pa
      JOIN payments p ON p.id = pa.payment_id
      JOIN invoices i ON i.id = pa.invoice_id
     WHERE i.status <> 'void'
     GROUP BY 1, 2
  ),
  steps AS (
    SELECT i.id AS invoice_id, i.issue_date AS on_date, 0 AS k, i.amount AS balance, i.currency
      FROM invoices i WHERE i.status <> 'void'
    UNION ALL
    SELECT a.invoice_id, a.on_date, 1,
           i.amount - sum(a.amount) OVER (PARTITION BY a.invoice_id ORDER BY a.on_date), i.currency
      FROM applied a JOIN invoices i ON i.id = a.invoice_id
  ),
  intervals AS (
    SELECT s.invoice_id, s.on_date AS from_d,
           lead(s.on_date) OVER (PARTITION BY s.invoice_id ORDER BY s.on_date, s.k) AS to_d,
           s.balance, s.currency
      FROM steps s
  )`;

export interface AgingRow {
  asOf: IsoDate;
  collectorId: number | null;
  current: number;
  '1-30': number;
  '31-60': number;
  '61-90': number;
  over90: number;
}

/** Open receivables at each of `dates` (a handful: month ends), by collector and age bucket. */
export async function receivablesAsOf(
  conn: SqlConn,
  dates: readonly IsoDate[],
  basis: AgingBasis,
  base: string,
): Promise<AgingRow[]> {
  const rows = await conn.query<Record<string, string | number | null>>(
    `WITH ${BALANCE_INTERVALS_SQL},
     open_at AS (
       -- Receivables are valued at the rate of the day they are reported for.
       SELECT d.as_of, c.collector_id, ${toBaseSql('iv.balance', 'iv.currency', 'd.as_of', base)} AS balance,
              d.as_of - (CASE WHEN $2 = 'due' THEN i.due_date ELSE i.issue_date END) AS days
         FROM unnest($1::date[]) AS d(as_of)
         JOIN intervals iv ON iv.from_d <= d.as_of AND (iv.to_d IS NULL OR d.as_of < iv.to_d)
         JOIN invoices i ON i.id = iv.invoice_id
         JOIN customers c ON c.id = i.customer_id
        WHERE iv.balance > 0
     )
     SELECT as_of::text AS as_of, collector_id,
            coalesce(sum(balance) FILTER (WHERE days <= $3), 0)::text AS current,
            coalesce(sum(balance) FILTER (WHERE days > $3 AND days <= 30), 0)::text AS d1_30,
            coalesce(sum(balance) FILTER (WHERE days > greatest($3, 30) AND days <= 60), 0)::text AS d31_60,
            coalesce(sum(balance) FILTER (WHERE days > 60 AND days <= 90), 0)::text AS d61_90,
            coalesce(sum(balance) FILTER (WHERE days > 90), 0)::text AS over90
       FROM open_at GROUP BY as_of, collector_id`,
    [dates, basis, CURRENT_LIMIT_DAYS[basis]],
  );
  return rows.map((r) => ({
    asOf: String(r.as_of),
    collectorId: r.collector_id === null ? null : Number(r.collector_id),
    current: centsFromDecimal(String(r.current)),
    '1-30': centsFromDecimal(String(r.d1_30)),
    '31-60': centsFromDecimal(String(r.d31_60)),
    '61-90': centsFromDecimal(String(r.d61_90)),
    over90: centsFromDecimal(String(r.over90)),
  }));
}

export interface MonthlyCount {
  /** First day of the month. */
  month: IsoDate;
  collectorId: number | null;
}

/** Credit sales (invoiced amounts, in base at the issue day's rate) per calendar month from `from` to `to`. */
export async function creditSalesByMonth(
  conn: SqlConn,
  from: IsoDate,
  to: IsoDate,
  base: string,
): Promise<(MonthlyCount & { salesCents: number })[]> {
  const rows = await conn.query<{ month: string; collector_id: number | null; sales: string }>(
    `SELECT date_trunc('month', i.issue_date)::date::text AS month, c.collector_id,
            sum(${toBaseSql('i.amount', 'i.currency', 'i.issue_date', base)})::text AS sales
       FROM invoices i JOIN customers c ON c.id = i.customer_id
      WHERE i.status <> 'void' AND i.issue_date BETWEEN $1::date AND $2::date
      GROUP BY 1, 2`,
    [from, to],
  );
  return rows.map((r) => ({
    month: r.month,
    collectorId: r.collector_id,
    salesCents: centsFromDecimal(r.sales),
  }));
}

/** Promises that fell due from `from` to `to`, kept or broken, by the collector who took them. */
export async function promiseOutcomesByMonth(
  conn: SqlConn,
  from: IsoDate,
  to: IsoDate,
): Promise<(MonthlyCount & { kept: number; broken: number })[]> {
  return (
    await conn.query<{ month: string; collector_id: number | null; kept: number; broken: number }>(
      `SELECT date_trunc('month', due_on)::date::text AS month, collector_id,
              count(*) FILTER (WHERE status = 'kept')::int AS kept,
              count(*) FILTER (WHERE status = 'broken')::int AS broken
         FROM promises WHERE due_on BETWEEN $1::date AND $2::date
        GROUP BY 1, 2`,
      [from, to],
    )
  ).map((r) => ({ month: r.month, collectorId: r.collector_id, kept: r.kept, broken: r.broken }));
}

/** Outcomes that record a call attempt (notes and account changes are not contacts). */
export const CONTACT_OUTCOMES = OUTCOMES.filter((o) => o !== 'note');

/**
 * Logged contacts per month, dated in the collector's own time zone; an interaction that was
 * later undone does not count.
 */
export async function contactsByMonth(
  conn: SqlConn,
  from: IsoDate,
  to: IsoDate,
): Promise<(MonthlyCount & { contacts: number })[]> {
  return (
    await conn.query<{ month: string; collector_id: number | null; contacts: number }>(
      `WITH dated AS (
         SELECT i.collector_id, (i.occurred_at AT TIME ZONE coalesce(co.time_zone, 'UTC'))::date AS on_day
           FROM interactions i LEFT JOIN collectors co ON co.id = i.collector_id
          WHERE i.outcome::text = ANY($3::text[])
            AND i.occurred_at >= $1::date - 1 AND i.occurred_at < $2::date + 2
            AND NOT EXISTS (SELECT 1 FROM interactions u WHERE u.corrects_id = i.id AND u.outcome = 'undo')
       )
       SELECT date_trunc('month', on_day)::date::text AS month, collector_id, count(*)::int AS contacts
         FROM dated WHERE on_day BETWEEN $1::date AND $2::date
        GROUP BY 1, 2`,
      [from, to, CONTACT_OUTCOMES],
    )
  ).map((r) => ({ month: r.month, collectorId: r.collector_id, contacts: r.contacts }));
}

export interface KpiCollector {
  id: number;
  code: string;
  name: string;
}

/** Collectors to report on: active collectors, and anyone else who owns customers. */
export async function kpiCollectors(conn: SqlConn): Promise<KpiCollector[]> {
  return conn.query<{ id: number; code: string; name: string }>(
    `SELECT co.id, co.code, co.name FROM collectors co
      WHERE (co.active AND co.role = 'collector')
         OR EXISTS (SELECT 1 FROM customers c WHERE c.collector_id = co.id)
      ORDER BY co.code`,
  );
}

/**
 * Reminder e-mails per month and collector (the signing one): sent, failed or bounced, the dollars
 * the sent morning reminders named, and of those the payments applied to their invoices within 14
 * days of the reminder (capped at the amount reminded).
 */
export async function outreachByMonth(
  conn: SqlConn,
  from: IsoDate,
  to: IsoDate,
): Promise<
  {
    month: IsoDate;
    collectorId: number | null;
    sent: number;
    failed: number;
    remindedCents: number;
    paidWithin14Cents: number;
  }[]
> {
  const rows = await conn.query<{
    month: string;
    collector_id: number | null;
    sent: number;
    failed: number;
    reminded: string;
    paid: string;
  }>(
    `WITH m AS (
       SELECT o.*, date_trunc('month', o.day)::date AS month,
              CASE WHEN o.status = 'sent' AND o.interaction_id IS NULL THEN least(o.amount, (
                SELECT coalesce(sum(pa.amount), 0) FROM payment_applications pa
                  JOIN payments p ON p.id = pa.payment_id JOIN invoices i ON i.id = pa.invoice_id
                 WHERE i.number = ANY(o.invoice_numbers) AND p.received_on >= o.day AND p.received_on <= o.day + 14))
              END AS paid
         FROM outreach_messages o
        WHERE o.day >= $1::date AND o.day <= $2::date AND o.status IN ('sent', 'failed', 'bounced'))
     SELECT month::text AS month, collector_id,
            count(*) FILTER (WHERE status = 'sent')::int AS sent,
            count(*) FILTER (WHERE status IN ('failed', 'bounced'))::int AS failed,
            coalesce(sum(amount) FILTER (WHERE status = 'sent' AND interaction_id IS NULL), 0)::text AS reminded,
            coalesce(sum(paid), 0)::text AS paid
       FROM m GROUP BY 1, 2`,
    [from, to],
  );
  return rows.map((r) => ({
    month: r.month,
    collectorId: r.collector_id === null ? null : Number(r.collector_id),
    sent: Number(r.sent),
    failed: Number(r.failed),
    remindedCents: centsFromDecimal(r.reminded),
    paidWithin14Cents: centsFromDecimal(r.paid),
  }));
}
