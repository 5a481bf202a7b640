// Appending interactions: every chat-made change is one row, written once per idempotency key,
// and carries the reply it produced so a retried request gets the same answer.

import { AppError } from '../../shared/errors.ts';
import type { SqlConn } from '../../store/sql.ts';
import type { Reply } from '../reply.ts';
import type { CommandActor } from './actor.ts';

/** Thrown inside a transaction when the key was already recorded, to roll back cleanly. */
export class AlreadyRecorded extends AppError {
  constructor(message = 'this request was already recorded') {
    super('already_recorded', message);
    this.name = 'AlreadyRecorded';
  }
}

export interface NewInteraction {
  customerId: number;
  outcome: string;
  note?: string | null;
  amount?: string | null;
  onDate?: string | null;
  invoiceId?: number | null;
  reference?: string | null;
  details: Record<string, unknown>;
  correctsId?: number | null;
}

export async function storedReply(conn: SqlConn, key: string): Promise<Reply | null> {
  const [row] = await conn.query<{ reply: Reply | null }>(
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

export async function insertInteraction(
  tx: SqlConn,
  id: number,
  actor: CommandActor,
  key: string,
  now: Date,
  row: NewInteraction,
  reply: Reply,
): Promise<void> {
  const inserted = await tx.query(
    `INSERT INTO interactions (id, customer_id, collector_id, occurred_at, outcome, note, amount, on_date,
                               invoice_id, reference, details, corrects_id, idempotency_key, actor, source)
     VALUES ($1, $2, $3, $4, $5::"Outcome", $6, $7::numeric, $8::date, $9, $10, $11::jsonb, $12, $13, $14, $15)
     ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
    [
      id,
      row.customerId,
      actor.id,
      now.toISOString(),
      row.outcome,
      row.note ?? null,
      row.amount ?? null,
      row.onDate ?? null,
      row.invoiceId ?? null,
      row.reference ?? null,
      JSON.stringify({ ...row.details, reply }),
      row.correctsId ?? null,
      key,
      actor.code,
      actor.source,
    ],
  );
  if (!inserted.length) throw new AlreadyRecorded(key);
}

/**
 * Runs `write` in one transaction; if the key was recorded meanwhile (a retried request racing
 * the first), returns the reply stored with the first one instead. Callers check `storedReply`
 * before doing any work, so a plain retry never gets this far.
 */
export async function recordOnce(
  conn: { transaction<T>(fn: (tx: SqlConn) => Promise<T>): Promise<T> } & SqlConn,
  key: string,
  write: (tx: SqlConn) => Promise<Reply>,
): Promise<Reply> {
  try {
    return await conn.transaction(write);
  } catch (err) {
    if (err instanceof AlreadyRecorded || isUniqueViolation(err)) {
      const after = await storedReply(conn, key);
      if (after) return after;
    }
    throw err;
  }
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}

export interface Change {
  interaction: NewInteraction;
  reply: Reply;
  /** Writes that need the interaction row (promises, disputes…), run right after it. */
  effects?: () => Promise<void>;
}

/**
 * Appends one change exactly once per key: `make` gets the interaction's id (for the Undo
 * token) and the transaction, and says what to record and reply.
 */
export function recordChange(
  conn: Parameters<typeof recordOnce>[0],
  actor: CommandActor,
  key: string,
  now: Date,
  make: (id: number, tx: SqlConn) => Promise<Change>,
): Promise<Reply> {
  return recordOnce(conn, key, async (tx) => {
    const id = await nextInteractionId(tx);
    const change = await make(id, tx);
    await insertInteraction(tx, id, actor, key, now, change.interaction, change.reply);
    await change.effects?.();
    return change.reply;
  });
}
