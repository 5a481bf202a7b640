// Interactions: every call outcome and chat-made change, appended once per request key (never
// updated or deleted; an undo is a new row pointing at what it reverses).
import type { SqlConn } from './sql.ts';

export interface InteractionRow {
  id: number;
  customerId: number;
  collectorId: number;
  occurredAt: Date;
  outcome: string;
  note?: string | null;
  amount?: string | null;
  onDate?: string | null;
  invoiceId?: number | null;
  reference?: string | null;
  /** Structured details, including the reply the request got (what a retry returns). */
  details: Record<string, unknown>;
  correctsId?: number | null;
  idempotencyKey: string;
  actor: string;
  source: string;
}

/** The reply stored with a request key, if that request was recorded. */
export async function storedReply<R>(conn: SqlConn, key: string): Promise<R | null> {
  const [row] = await conn.query<{ reply: R | null }>(
    `SELECT details->'reply' AS reply FROM interactions WHERE idempotency_key = $1`,
    [key],
  );
  return row?.reply ?? null;
}

/** The next interaction id, taken before the insert so the reply (with its Undo token) is stored with it. */
export async function nextInteractionId(tx: SqlConn): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `SELECT nextval(pg_get_serial_sequence('interactions', 'id'))::int AS id`,
  );
  return row!.id;
}

/** Appends the row; false when its request key was recorded already (nothing written). */
export async function insertInteraction(tx: SqlConn, row: InteractionRow): Promise<boolean> {
  const inserted = await tx.query(
    `INSERT INTO interactions (id, customer_id, collector_id, occurred_at, outcome, note, amount, on_date,
                               invoice_id, reference, details, corrects_id, idempotency_key, actor, source)
     VALUES ($1, $2, $3, $4, $5::"Outcome", $6, $7::numeric, $8::date, $9, $10, $11::jsonb, $12, $13, $14, $15)
     ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
    [
      row.id,
      row.customerId,
      row.collectorId,
      row.occurredAt.toISOString(),
      row.outcome,
      row.note ?? null,
      row.amount ?? null,
      row.onDate ?? null,
      row.invoiceId ?? null,
      row.reference ?? null,
      JSON.stringify(row.details),
      row.correctsId ?? null,
      row.idempotencyKey,
      row.actor,
      row.source,
    ],
  );
  return inserted.length > 0;
}

export interface PastChange {
  id: number;
  customerId: number;
  outcome: string;
  occurredAt: string;
  /** The title of the reply it got ("Recorded: …"). */
  title: string | null;
  details: { previousCollectorId?: number | null; holdId?: number } | null;
  code: string;
  name: string;
  undone: boolean;
}

/**
 * A collector's latest change made from chat up to `until` that is not undone yet, or the one with
 * id `wanted` (undone or not) if it is theirs.
 */
export async function lastChange(
  conn: SqlConn,
  collectorId: number,
  wanted: number | null,
  until: Date,
): Promise<PastChange | null> {
  const [row] = await conn.query<{
    id: number;
    customer_id: number;
    outcome: string;
    occurred_at: string;
    title: string | null;
    details: PastChange['details'];
    code: string;
    name: string;
    undone: boolean;
  }>(
    `SELECT i.id, i.customer_id, i.outcome::text AS outcome, i.occurred_at::text AS occurred_at,
            i.details->'reply'->>'title' AS title, i.details, c.code, c.name,
            EXISTS (SELECT 1 FROM interactions u WHERE u.corrects_id = i.id) AS undone
       FROM interactions i JOIN customers c ON c.id = i.customer_id
      WHERE i.collector_id = $1 AND i.outcome <> 'undo' AND ($2::int IS NULL OR i.id = $2::int)
        AND i.idempotency_key IS NOT NULL AND i.occurred_at <= $3
        AND ($2::int IS NOT NULL OR NOT EXISTS (SELECT 1 FROM interactions u WHERE u.corrects_id = i.id))
      ORDER BY i.occurred_at DESC, i.id DESC LIMIT 1`,
    [collectorId, wanted, until.toISOString()],
  );
  return row
    ? {
        id: row.id,
        customerId: row.customer_id,
        outcome: row.outcome,
        occurredAt: row.occurred_at,
        title: row.title,
        details: row.details,
        code: row.code,
        name: row.name,
        undone: row.undone,
      }
    : null;
}

export interface RecentCall {
  day: string;
  outcome: string;
  actor: string;
  note: string | null;
  undone: boolean;
}

/** A customer's latest calls and changes, newest first, each marked if it was undone. */
export async function recentCalls(conn: SqlConn, customerId: number, limit: number): Promise<RecentCall[]> {
  return conn.query<RecentCall & Record<string, unknown>>(
    `SELECT i.occurred_at::date::text AS day, i.outcome::text AS outcome, i.actor, i.note,
            EXISTS (SELECT 1 FROM interactions u WHERE u.corrects_id = i.id) AS undone
       FROM interactions i WHERE i.customer_id = $1 AND i.outcome <> 'undo'
      ORDER BY i.occurred_at DESC, i.id DESC LIMIT $2`,
    [customerId, limit],
  );
}
