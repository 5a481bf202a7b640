// Disputes: opened by a logged call, cancelled by its undo, resolved later; an open dispute on an
// invoice keeps it out of dunning (invoices.disputed).
import type { SqlConn } from './sql.ts';
import type { Who } from './who.ts';

export interface OpenDispute {
  invoiceNumber: string | null;
  reason: string | null;
  openedOn: string;
}

export async function openDisputes(conn: SqlConn, customerId: number, limit: number): Promise<OpenDispute[]> {
  const rows = await conn.query<{ number: string | null; reason: string | null; opened: string }>(
    `SELECT i.number, d.reason, d.opened_at::date::text AS opened FROM disputes d
       LEFT JOIN invoices i ON i.id = d.invoice_id
      WHERE d.customer_id = $1 AND d.status = 'open' ORDER BY d.opened_at DESC LIMIT $2`,
    [customerId, limit],
  );
  return rows.map((d) => ({ invoiceNumber: d.number, reason: d.reason, openedOn: d.opened }));
}

/** One dispute per invoice (or one on the account when `invoiceIds` is empty), and the invoices marked disputed. */
export async function openDispute(
  tx: SqlConn,
  d: {
    customerId: number;
    invoiceIds: readonly number[];
    interactionId: number;
    reason: string | null;
    at: Date;
  },
  who: Who,
): Promise<void> {
  for (const invoiceId of d.invoiceIds.length ? d.invoiceIds : [null])
    await tx.query(
      `INSERT INTO disputes (customer_id, invoice_id, interaction_id, reason, opened_at, actor, source)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [d.customerId, invoiceId, d.interactionId, d.reason, d.at.toISOString(), who.actor, who.source],
    );
  // The engine skips disputed invoices, so dunning stops until the dispute is resolved.
  if (d.invoiceIds.length)
    await tx.query(
      `UPDATE invoices SET disputed = true, actor = $2, source = $3, updated_at = now() WHERE id = ANY($1::int[])`,
      [[...d.invoiceIds], who.actor, who.source],
    );
}

/** Cancels the disputes a logged call opened; dunning resumes where no other open dispute holds an invoice. */
export async function cancelDisputesOf(
  tx: SqlConn,
  interactionId: number,
  at: Date,
  who: Who,
): Promise<void> {
  const rows = await tx.query<{ invoice_id: number | null }>(
    `UPDATE disputes SET status = 'cancelled', resolved_at = $4, actor = $2, source = $3, updated_at = now()
      WHERE interaction_id = $1 AND status = 'open' RETURNING invoice_id`,
    [interactionId, who.actor, who.source, at.toISOString()],
  );
  const invoiceIds = rows.map((d) => d.invoice_id).filter((i): i is number => i !== null);
  if (invoiceIds.length)
    await tx.query(
      `UPDATE invoices i SET disputed = false, actor = $2, source = $3, updated_at = now()
        WHERE i.id = ANY($1::int[])
          AND NOT EXISTS (SELECT 1 FROM disputes d WHERE d.invoice_id = i.id AND d.status = 'open')`,
      [invoiceIds, who.actor, who.source],
    );
}
