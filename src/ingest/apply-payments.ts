// Applies imported payments to invoices and recomputes the open balances they touch (amount less
// the payments applied). A payment that names its invoice pays that invoice; one that does not
// pays the customer's oldest open invoices in its currency first (by issue date), split across them,
// in the order the payments were received; money no invoice in its currency is open for stays
// unapplied (the import refuses a payment naming an invoice in another currency: check-rows.ts).
// A changed payment first gives back what it had applied.
import type { SqlConn } from '../store/sql.ts';

const TOUCHED = 'import_touched_invoices';

/**
 * Payments of the staged file whose named invoice disagrees with their stored applications count
 * as changed too; their ids are added to `changed`. Returns how many were added.
 */
export async function markReallocated(conn: SqlConn, stage: string, changed: string): Promise<number> {
  const [row] = await conn.query<{ n: number }>(
    `WITH moved AS (
       INSERT INTO "${changed}" (id)
       SELECT p.id FROM "${stage}" s JOIN payments p ON p.reference = s.reference
         JOIN invoices i ON i.number = s.invoice
        WHERE NOT EXISTS (SELECT 1 FROM "${changed}" ch WHERE ch.id = p.id)
          AND (NOT EXISTS (SELECT 1 FROM payment_applications a
                            WHERE a.payment_id = p.id AND a.invoice_id = i.id AND a.amount = p.amount)
               OR EXISTS (SELECT 1 FROM payment_applications a WHERE a.payment_id = p.id AND a.invoice_id <> i.id))
       RETURNING 1)
     SELECT count(*)::int AS n FROM moved`,
  );
  return row?.n ?? 0;
}

export async function applyPayments(
  conn: SqlConn,
  stage: string,
  changed: string,
  actor: string,
): Promise<void> {
  await conn.exec(
    `CREATE TEMP TABLE IF NOT EXISTS ${TOUCHED} (invoice_id int, amount numeric(14,2)) ON COMMIT DROP`,
  );
  await conn.exec(`TRUNCATE ${TOUCHED}`);
  // 1. Changed payments give back what they had applied (applications are derived allocations).
  await conn.query(
    `WITH old AS (DELETE FROM payment_applications a USING "${changed}" ch WHERE a.payment_id = ch.id
                  RETURNING a.invoice_id, a.amount)
     INSERT INTO ${TOUCHED} SELECT invoice_id, -amount FROM old`,
  );
  await settle(conn, actor);
  // 2. Payments that name their invoice pay it in full.
  await conn.query(
    `WITH app AS (
       INSERT INTO payment_applications (payment_id, invoice_id, amount)
       SELECT p.id, i.id, p.amount FROM "${changed}" ch JOIN payments p ON p.id = ch.id
         JOIN "${stage}" s ON s.reference = p.reference JOIN invoices i ON i.number = s.invoice
       RETURNING invoice_id, amount)
     INSERT INTO ${TOUCHED} SELECT invoice_id, amount FROM app`,
  );
  await settle(conn, actor);
  // 3. The others pay the oldest open invoices in their currency: each payment covers the slice of
  //    the customer's running open balance in that currency that its running total spans.
  await conn.query(
    `WITH pay AS (
       SELECT p.id, p.customer_id, p.currency, p.amount,
              sum(p.amount) OVER (PARTITION BY p.customer_id, p.currency ORDER BY p.received_on, p.reference) AS hi
         FROM "${changed}" ch JOIN payments p ON p.id = ch.id JOIN "${stage}" s ON s.reference = p.reference
        WHERE s.invoice IS NULL AND p.amount > 0),
     inv AS (
       SELECT i.id, i.customer_id, i.currency, i.open_amount,
              sum(i.open_amount) OVER (PARTITION BY i.customer_id, i.currency ORDER BY i.issue_date, i.due_date, i.number) AS hi
         FROM invoices i
        WHERE i.open_amount > 0 AND i.status <> 'void' AND i.customer_id IN (SELECT customer_id FROM pay)),
     app AS (
       INSERT INTO payment_applications (payment_id, invoice_id, amount)
       SELECT pay.id, inv.id, least(pay.hi, inv.hi) - greatest(pay.hi - pay.amount, inv.hi - inv.open_amount)
         FROM pay JOIN inv ON inv.customer_id = pay.customer_id AND inv.currency = pay.currency
          AND inv.hi - inv.open_amount < pay.hi AND pay.hi - pay.amount < inv.hi
       RETURNING invoice_id, amount)
     INSERT INTO ${TOUCHED} SELECT invoice_id, amount FROM app`,
  );
  await settle(conn, actor);
}

/** Recomputes the touched invoices: amount less the payments applied; status and paid_on follow. */
async function settle(conn: SqlConn, actor: string): Promise<void> {
  await conn.query(
    `WITH applied AS (
       SELECT a.invoice_id, sum(a.amount) AS amount, max(p.received_on) AS last_on
         FROM payment_applications a JOIN payments p ON p.id = a.payment_id
        WHERE a.invoice_id IN (SELECT invoice_id FROM ${TOUCHED}) GROUP BY a.invoice_id),
     target AS (
       SELECT i.id, i.amount - coalesce(ap.amount, 0) AS open_amount, ap.last_on
         FROM invoices i LEFT JOIN applied ap ON ap.invoice_id = i.id
        WHERE i.id IN (SELECT invoice_id FROM ${TOUCHED}))
     UPDATE invoices i SET
       open_amount = tg.open_amount,
       status = CASE WHEN i.status = 'void' THEN i.status
                     WHEN tg.open_amount = 0 THEN 'paid' ELSE 'open' END::"InvoiceStatus",
       paid_on = CASE WHEN tg.open_amount = 0 THEN tg.last_on END,
       actor = $1, source = 'import', updated_at = now()
     FROM target tg WHERE i.id = tg.id
       AND (i.open_amount, i.paid_on) IS DISTINCT FROM (tg.open_amount, CASE WHEN tg.open_amount = 0 THEN tg.last_on END)`,
    [actor],
  );
  await conn.exec(`TRUNCATE ${TOUCHED}`);
}
