// Customers as the commands see them: candidates for the grammar, a brief for replies, the header of
// the account view, and their collector.
import type { CustomerCandidate } from '../domain/grammar/customers.ts';
import { accountCurrencySql } from './invoices.ts';
import type { SqlConn } from './sql.ts';
import type { Who } from './who.ts';

/** Customers whose code or name starts with `letter` (all of them when null), by id. */
export async function customerCandidates(conn: SqlConn, letter: string | null): Promise<CustomerCandidate[]> {
  if (letter)
    return conn.query<CustomerCandidate & Record<string, unknown>>(
      `SELECT id, code, name FROM customers
        WHERE lower(left(code, 1)) = $1 OR lower(left(name, 1)) = $1 ORDER BY id`,
      [letter],
    );
  return conn.query<CustomerCandidate & Record<string, unknown>>(
    'SELECT id, code, name FROM customers ORDER BY id',
  );
}

export interface CustomerBrief {
  id: number;
  code: string;
  name: string;
  /** Its account currency: what a promise or plan made on it is in (see accountCurrencySql). */
  currency: string;
  collector: { id: number; code: string; name: string } | null;
}

export async function customerBrief(conn: SqlConn, id: number): Promise<CustomerBrief | null> {
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
            ${accountCurrencySql('c.id')}::text AS currency
       FROM customers c LEFT JOIN collectors k ON k.id = c.collector_id WHERE c.id = $1`,
    [id],
  );
  if (!row) return null;
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    currency: row.currency?.trim() || 'USD',
    collector: row.cid !== null ? { id: row.cid, code: row.ccode!, name: row.cname! } : null,
  };
}

export interface AccountHeader {
  code: string;
  name: string;
  collector: string | null;
  creditLimit: string | null;
  termsDays: number;
  notes: string | null;
  currency: string;
}

export async function accountHeader(conn: SqlConn, id: number): Promise<AccountHeader | null> {
  const [c] = await conn.query<{
    code: string;
    name: string;
    collector: string | null;
    credit_limit: string | null;
    terms_days: number;
    notes: string | null;
    currency: string | null;
  }>(
    `SELECT c.code, c.name, k.name AS collector, c.credit_limit::text AS credit_limit, c.terms_days, c.notes,
            (SELECT currency FROM invoices i WHERE i.customer_id = c.id ORDER BY issue_date DESC LIMIT 1)::text AS currency
       FROM customers c LEFT JOIN collectors k ON k.id = c.collector_id WHERE c.id = $1`,
    [id],
  );
  if (!c) return null;
  return {
    code: c.code,
    name: c.name,
    collector: c.collector,
    creditLimit: c.credit_limit,
    termsDays: c.terms_days,
    notes: c.notes,
    currency: c.currency?.trim() || 'USD',
  };
}

/** Gives the account to a collector (null: nobody), recorded with who in the audit trail when `audit` is set. */
export async function setCollector(
  tx: SqlConn,
  customerId: number,
  collectorId: number | null,
  who: Who,
  audit?: Record<string, unknown>,
): Promise<void> {
  await tx.query(
    `UPDATE customers SET collector_id = $2, actor = $3, source = $4, updated_at = now() WHERE id = $1`,
    [customerId, collectorId, who.actor, who.source],
  );
  if (audit)
    await tx.query(
      `INSERT INTO audit_events (actor, source, action, entity, entity_id, data) VALUES ($1, $2, 'customer.assign', 'customers', $3, $4::jsonb)`,
      [who.actor, who.source, String(customerId), JSON.stringify(audit)],
    );
}
