// Small reads about one customer that several commands need.

import { compactCode } from '../../domain/grammar/text.ts';
import { type Cents, centsFromDecimal } from '../../domain/money.ts';
import type { SqlConn } from '../../store/sql.ts';

export interface CustomerBrief {
  id: number;
  code: string;
  name: string;
  currency: string;
  collector: { id: number; code: string; name: string } | null;
}

export async function customerBrief(conn: SqlConn, id: number): Promise<CustomerBrief> {
  const [row] = await conn.query<{
    id: number;
    code: string;
    name: string;
    currency: string | null;
    cid: number | null;
    ccode: string | null;
    cname: string | null;
  }>(
    `SELECT c.id, c.code, c.name, k.id AS cid, k.code AS ccode, k.name AS cname,
            (SELECT currency FROM invoices i WHERE i.customer_id = c.id ORDER BY i.issue_date DESC LIMIT 1)::text AS currency
       FROM customers c LEFT JOIN collectors k ON k.id = c.collector_id WHERE c.id = $1`,
    [id],
  );
  if (!row) throw new Error(`customer ${id} vanished`);
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    currency: row.currency?.trim() || 'USD',
    collector: row.cid !== null ? { id: row.cid, code: row.ccode!, name: row.cname! } : null,
  };
}

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

export interface InvoiceRef {
  id: number;
  number: string;
}

/**
 * The customer's invoices named as typed: exact number ignoring case and punctuation, else a
 * unique one whose number ends with the typed digits ("1043" → INV-1043).
 */
export async function findInvoices(
  conn: SqlConn,
  customerId: number,
  typed: string[],
): Promise<{ ok: true; invoices: InvoiceRef[] } | { ok: false; missing: string; open: string[] }> {
  const all = await conn.query<{ id: number; number: string; status: string }>(
    `SELECT id, number, status::text AS status FROM invoices WHERE customer_id = $1 ORDER BY issue_date DESC, id DESC`,
    [customerId],
  );
  const found: InvoiceRef[] = [];
  for (const t of typed) {
    const want = compactCode(t);
    const digits = want.replace(/^\D+/, '');
    const exact = all.filter((i) => compactCode(i.number) === want);
    const bySuffix = all.filter((i) => digits !== '' && compactCode(i.number).endsWith(digits));
    const hit = exact.length === 1 ? exact[0] : bySuffix.length === 1 ? bySuffix[0] : undefined;
    if (!hit)
      return { ok: false, missing: t, open: all.filter((i) => i.status === 'open').map((i) => i.number) };
    if (!found.some((f) => f.id === hit.id)) found.push({ id: hit.id, number: hit.number });
  }
  return { ok: true, invoices: found };
}
