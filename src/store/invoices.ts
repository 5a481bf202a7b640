// A customer's invoices as the commands see them: balances and aging today, and look-up by number.
import { type Cents, centsFromDecimal } from '../domain/money.ts';
import type { SqlConn } from './sql.ts';

/** Open, undisputed balance past its due date on `today`. */
export async function overdueCents(conn: SqlConn, customerId: number, today: string): Promise<Cents> {
  const [row] = await conn.query<{ overdue: string }>(
    `SELECT coalesce(sum(open_amount), 0)::text AS overdue FROM invoices
      WHERE customer_id = $1 AND status = 'open' AND NOT disputed AND due_date < $2::date`,
    [customerId, today],
  );
  return centsFromDecimal(row!.overdue);
}

export async function openCents(conn: SqlConn, customerId: number): Promise<Cents> {
  const [row] = await conn.query<{ open: string }>(
    `SELECT coalesce(sum(open_amount), 0)::text AS open FROM invoices WHERE customer_id = $1 AND status = 'open'`,
    [customerId],
  );
  return centsFromDecimal(row!.open);
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

/** The whole book's open, overdue and 90+ days past due money on `today` (decimal strings), and how many customers owe overdue money. */
export async function receivablesOn(
  conn: SqlConn,
  today: string,
): Promise<{ open: string; overdue: string; over90: string; customers: number }> {
  const [row] = await conn.query<{ open: string; overdue: string; over90: string; customers: number }>(
    `SELECT coalesce(sum(open_amount), 0)::text AS open,
            coalesce(sum(open_amount) FILTER (WHERE due_date < $1::date), 0)::text AS overdue,
            coalesce(sum(open_amount) FILTER (WHERE due_date < $1::date - 90), 0)::text AS over90,
            count(DISTINCT customer_id) FILTER (WHERE due_date < $1::date)::int AS customers
       FROM invoices WHERE open_amount > 0`,
    [today],
  );
  return row!;
}
