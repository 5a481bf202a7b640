// A customer's invoices as the commands see them: balances and aging today, and look-up by number.
import { type Cents, centsFromDecimal } from '../domain/money.ts';
import { BASE_CURRENCY_SQL, toBaseSql } from './fx-rates.ts';
import type { SqlConn } from './sql.ts';

/**
 * SQL: the currency a customer's collection money is in — that of its open invoices when they are
 * all in one, the base currency when they are in several; with none open, that of its latest
 * invoice (else the base). What a promise or a plan made on the account is counted in.
 */
export const accountCurrencySql = (customerId: string): string => `coalesce(
  (SELECT CASE WHEN count(DISTINCT i.currency) = 1 THEN min(i.currency) ELSE ${BASE_CURRENCY_SQL} END
     FROM invoices i WHERE i.customer_id = ${customerId} AND i.status = 'open' AND i.open_amount > 0
   HAVING count(*) > 0),
  (SELECT i.currency FROM invoices i WHERE i.customer_id = ${customerId} ORDER BY i.issue_date DESC, i.id DESC LIMIT 1),
  ${BASE_CURRENCY_SQL})`;

/**
 * The customer's overdue (undisputed) and open balances on `today` in `currency` (its account
 * currency): invoices in another currency convert at the day's rate. Null when one has no rate.
 */
export async function balancesIn(
  conn: SqlConn,
  customerId: number,
  today: string,
  currency: string,
): Promise<{ overdueCents: Cents; openCents: Cents } | null> {
  const value = toBaseSql('i.open_amount', 'i.currency', '$2::date', currency);
  const [row] = await conn.query<{ overdue: string; open: string; priced: boolean }>(
    `SELECT coalesce(sum(v.amount) FILTER (WHERE NOT i.disputed AND i.due_date < $2::date), 0)::text AS overdue,
            coalesce(sum(v.amount), 0)::text AS open, coalesce(bool_and(v.amount IS NOT NULL), true) AS priced
       FROM invoices i, LATERAL (SELECT ${value} AS amount) v
      WHERE i.customer_id = $1 AND i.status = 'open'`,
    [customerId, today],
  );
  if (!row?.priced) return null;
  return { overdueCents: centsFromDecimal(row.overdue), openCents: centsFromDecimal(row.open) };
}

export interface InvoiceNumber {
  id: number;
  number: string;
  status: string;
}

/** Every invoice of the customer, newest first. */
export async function invoiceNumbersOf(conn: SqlConn, customerId: number): Promise<InvoiceNumber[]> {
  return conn.query<InvoiceNumber & Record<string, unknown>>(
    `SELECT id, number, status::text AS status FROM invoices WHERE customer_id = $1 ORDER BY issue_date DESC, id DESC`,
    [customerId],
  );
}

export const AGING_BUCKETS = ['current', 'd1_30', 'd31_60', 'd61_90', 'd90'] as const;

export type Aging = Record<(typeof AGING_BUCKETS)[number] | 'open' | 'overdue' | 'disputed', string> & {
  currency: string;
};

/** Open money today by age since due (decimal strings, exact). */
export async function agingOf(conn: SqlConn, customerId: number, today: string): Promise<Aging[]> {
  // One row per currency, by code: amounts are never added across currencies.
  const rows = await conn.query<Aging & Record<string, unknown>>(
    `SELECT trim(currency) AS currency, coalesce(sum(open_amount), 0)::text AS open,
            coalesce(sum(open_amount) FILTER (WHERE due_date < $2::date), 0)::text AS overdue,
            coalesce(sum(open_amount) FILTER (WHERE disputed), 0)::text AS disputed,
            coalesce(sum(open_amount) FILTER (WHERE due_date >= $2::date), 0)::text AS current,
            coalesce(sum(open_amount) FILTER (WHERE $2::date - due_date BETWEEN 1 AND 30), 0)::text AS d1_30,
            coalesce(sum(open_amount) FILTER (WHERE $2::date - due_date BETWEEN 31 AND 60), 0)::text AS d31_60,
            coalesce(sum(open_amount) FILTER (WHERE $2::date - due_date BETWEEN 61 AND 90), 0)::text AS d61_90,
            coalesce(sum(open_amount) FILTER (WHERE $2::date - due_date > 90), 0)::text AS d90
       FROM invoices WHERE customer_id = $1 AND status = 'open'
      GROUP BY currency ORDER BY currency`,
    [customerId, today],
  );
  return rows;
}

/** Money per currency and its base value (null when a currency has no rate on the day). */
export interface BookMoney {
  byCurrency: { currency: string; cents: Cents }[];
  baseCents: Cents | null;
}

/**
 * The whole book's open, overdue and 90+ days past due money on `today`, per currency and in base
 * money at the day's rate, and how many customers owe overdue money.
 */
export async function receivablesOn(
  conn: SqlConn,
  today: string,
  base: string,
): Promise<{ open: BookMoney; overdue: BookMoney; over90: BookMoney; customers: number }> {
  const inBase = toBaseSql('i.open_amount', 'i.currency', '$1::date', base);
  const rows = await conn.query<
    Record<'currency' | `${'open' | 'overdue' | 'over90'}${'' | '_b'}`, string | null>
  >(
    `SELECT i.currency,
            sum(i.open_amount)::text AS open, sum(b.v)::text AS open_b,
            coalesce(sum(i.open_amount) FILTER (WHERE i.due_date < $1::date), 0)::text AS overdue,
            coalesce(sum(b.v) FILTER (WHERE i.due_date < $1::date), 0)::text AS overdue_b,
            coalesce(sum(i.open_amount) FILTER (WHERE i.due_date < $1::date - 90), 0)::text AS over90,
            coalesce(sum(b.v) FILTER (WHERE i.due_date < $1::date - 90), 0)::text AS over90_b
       FROM invoices i, LATERAL (SELECT ${inBase} AS v) b
      WHERE i.open_amount > 0
      GROUP BY i.currency ORDER BY i.currency <> $2, i.currency`,
    [today, base],
  );
  const [count] = await conn.query<{ customers: number }>(
    `SELECT count(DISTINCT customer_id)::int AS customers FROM invoices WHERE open_amount > 0 AND due_date < $1::date`,
    [today],
  );
  const money = (key: 'open' | 'overdue' | 'over90'): BookMoney => ({
    byCurrency: rows.map((r) => ({ currency: r.currency!.trim(), cents: centsFromDecimal(r[key] ?? '0') })),
    baseCents: rows.every((r) => r.open_b !== null)
      ? rows.reduce((s, r) => s + centsFromDecimal(r[`${key}_b`] ?? '0'), 0)
      : null,
  });
  return {
    open: money('open'),
    overdue: money('overdue'),
    over90: money('over90'),
    customers: count?.customers ?? 0,
  };
}
