// What `callsheet export` reads for each entity: the canonical import columns, as text, so that
// importing the output changes nothing. A payment names its invoice when one application covers
// it whole (as an import that named the invoice would have made it).
import type { SqlConn } from '../store/sql.ts';
import type { Entity } from './entities.ts';

/** SELECT … returning the entity's canonical columns plus `id`, for keyset pages (`id > $1`). */
export const EXPORT_QUERIES: Record<Entity, string> = {
  fx_rates: `SELECT t.id, t.date::text AS date, t.currency, t.rate::text AS rate FROM fx_rates t`,
  collectors: `SELECT t.id, t.code, t.name, t.email, t.slack_user_id, t.teams_user_id, t.time_zone,
                      t.daily_capacity::text, t.role::text
                 FROM collectors t`,
  customers: `SELECT t.id, t.code, t.name, t.industry, t.region, t.risk_rating::text, t.established_on::text,
                     t.first_order_on::text, t.credit_limit::text, t.terms_days::text, t.margin_pct::text,
                     t.expected_days_to_pay::text, col.code AS collector, t.notes
                FROM customers t LEFT JOIN collectors col ON col.id = t.collector_id`,
  contacts: `SELECT t.id, c.code AS customer, t.name, t.role::text, t.email, t.phone,
                    t.preferred_channel::text, t."primary"::text AS "primary"
               FROM contacts t JOIN customers c ON c.id = t.customer_id`,
  orders: `SELECT t.id, t.number, c.code AS customer, t.order_date::text AS date, t.amount::text,
                  t.margin_pct::text, t.currency
             FROM orders t JOIN customers c ON c.id = t.customer_id`,
  invoices: `SELECT t.id, t.number, c.code AS customer, t.issue_date::text, t.due_date::text,
                    t.delivery_date::text, t.amount::text, t.open_amount::text, t.currency, t.disputed::text
               FROM invoices t JOIN customers c ON c.id = t.customer_id`,
  payments: `SELECT t.id, t.reference, c.code AS customer, t.received_on::text AS date, t.amount::text,
                    (SELECT i.number FROM payment_applications a JOIN invoices i ON i.id = a.invoice_id
                      WHERE a.payment_id = t.id AND a.amount = t.amount
                        AND NOT EXISTS (SELECT 1 FROM payment_applications b
                                         WHERE b.payment_id = t.id AND b.id <> a.id)) AS invoice,
                    t.currency
               FROM payments t JOIN customers c ON c.id = t.customer_id`,
};

/** The next `limit` rows of an entity after id `after`, in the import's columns (as text). */
export async function exportPage(
  conn: SqlConn,
  entity: Entity,
  after: number,
  limit: number,
): Promise<(Record<string, unknown> & { id: number })[]> {
  return conn.query<Record<string, unknown> & { id: number }>(
    `SELECT * FROM (${EXPORT_QUERIES[entity]}) x WHERE id > $1 ORDER BY id LIMIT $2`,
    [after, limit],
  );
}
