// Appending interactions: every chat-made change is one row, written once per idempotency key,
// and carries the reply it produced so a retried request gets the same answer.

import { AppError } from '../../shared/errors.ts';
import {
  insertInteraction,
  nextInteractionId,
  storedReply as storedReplyOf,
} from '../../store/interactions.ts';
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

/** The reply a request key got, if it was recorded. */
export const storedReply = (conn: SqlConn, key: string): Promise<Reply | null> =>
  storedReplyOf<Reply>(conn, key);

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
    const row = change.interaction;
    const inserted = await insertInteraction(tx, {
      ...row,
      id,
      collectorId: actor.id,
      occurredAt: now,
      details: { ...row.details, reply: change.reply },
      idempotencyKey: key,
      actor: actor.code,
      source: actor.source,
    });
    if (!inserted) throw new AlreadyRecorded(key);
    await change.effects?.();
    return change.reply;
  });
}
