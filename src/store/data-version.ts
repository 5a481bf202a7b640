// A version of the ledger read from primary keys: it changes with every import, logged call,
// promise and new order, and costs a few index look-ups to check.
import type { SqlConn } from './sql.ts';

export async function dataVersion(conn: SqlConn): Promise<string> {
  const [row] = await conn.query<{ v: string }>(
    `SELECT concat_ws('.',
       (SELECT coalesce(max(id), 0) FROM orders), (SELECT coalesce(max(id), 0) FROM invoices),
       (SELECT coalesce(max(id), 0) FROM payments), (SELECT coalesce(max(id), 0) FROM promises),
       (SELECT coalesce(max(id), 0) FROM interactions), (SELECT coalesce(max(id), 0) FROM audit_events)) AS v`,
  );
  return row?.v ?? '0';
}
