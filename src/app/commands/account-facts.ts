// Small reads about one customer that several commands need.

import { compactCode } from '../../domain/grammar/text.ts';
import { type CustomerBrief, customerBrief as readCustomerBrief } from '../../store/customers.ts';
import { invoiceNumbersOf } from '../../store/invoices.ts';
import type { SqlConn } from '../../store/sql.ts';

export async function customerBrief(conn: SqlConn, id: number): Promise<CustomerBrief> {
  const brief = await readCustomerBrief(conn, id);
  if (!brief) throw new Error(`customer ${id} vanished`);
  return brief;
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
  const all = await invoiceNumbersOf(conn, customerId);
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
