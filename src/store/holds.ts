// Credit holds: placed and released by managers, never deleted; the open one is the latest unreleased.
import type { SqlConn } from './sql.ts';

export interface OpenHold {
  id: number;
  placedBy: string;
  placedOn: string;
  reason: string | null;
}

export async function openHold(conn: SqlConn, customerId: number): Promise<OpenHold | null> {
  const [h] = await conn.query<{ id: number; placed_by: string; placed_on: string; reason: string | null }>(
    `SELECT id, placed_by, placed_at::date::text AS placed_on, reason FROM credit_holds
      WHERE customer_id = $1 AND released_at IS NULL ORDER BY placed_at DESC LIMIT 1`,
    [customerId],
  );
  return h ? { id: h.id, placedBy: h.placed_by, placedOn: h.placed_on, reason: h.reason } : null;
}

export async function placeHold(
  tx: SqlConn,
  hold: { customerId: number; reason: string | null; at: Date; by: string; source: string },
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO credit_holds (customer_id, reason, placed_at, placed_by, source) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [hold.customerId, hold.reason, hold.at.toISOString(), hold.by, hold.source],
  );
  return row!.id;
}

/** Releases the hold (a no-op when it is already released). */
export async function releaseHold(tx: SqlConn, holdId: number, at: Date, by: string): Promise<void> {
  await tx.query(
    'UPDATE credit_holds SET released_at = $2, released_by = $3 WHERE id = $1 AND released_at IS NULL',
    [holdId, at.toISOString(), by],
  );
}

/** Puts a released hold back in force (the undo of a release). */
export async function reinstateHold(tx: SqlConn, holdId: number): Promise<void> {
  await tx.query('UPDATE credit_holds SET released_at = NULL, released_by = NULL WHERE id = $1', [holdId]);
}
