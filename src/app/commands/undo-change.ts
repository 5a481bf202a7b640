// `undo`: reverses the actor's last change made from chat (or the one an Undo button names) within the undo
// window, by appending a correcting interaction and cancelling what the change created.
// Nothing is deleted.
import { customerLabel } from '../../domain/grammar/format.ts';
import { readSettings } from '../../store/settings.ts';
import type { SqlConn } from '../../store/sql.ts';
import { violatedConstraint } from '../../store/sql-errors.ts';
import type { AppDeps } from '../deps.ts';
import type { Reply } from '../reply.ts';
import type { CommandActor } from './actor.ts';
import { recordChange, storedReply } from './interactions.ts';
import { errorReply, infoReply } from './replies.ts';
import { commandSettings } from './settings.ts';

interface PastChange {
  id: number;
  customer_id: number;
  outcome: string;
  occurred_at: string;
  title: string | null;
  details: { previousCollectorId?: number | null; holdId?: number } | null;
  code: string;
  name: string;
  undone: boolean;
}

export async function undoChange(
  deps: AppDeps,
  actor: CommandActor,
  token: string,
  key: string,
): Promise<Reply> {
  const conn = deps.store.sql;
  const earlier = await storedReply(conn, key);
  if (earlier) return earlier;
  const { undoMinutes } = await readSettings(conn, commandSettings);
  const wanted = token.trim() === '' ? null : Number(token.trim().replace(/^undo:/, ''));
  if (wanted !== null && !Number.isSafeInteger(wanted))
    return errorReply(`'${token.trim()}' is not something to undo; type \`undo\` to undo your last change.`);
  const [change] = await conn.query<PastChange & Record<string, unknown>>(
    `SELECT i.id, i.customer_id, i.outcome::text AS outcome, i.occurred_at::text AS occurred_at,
            i.details->'reply'->>'title' AS title, i.details, c.code, c.name,
            EXISTS (SELECT 1 FROM interactions u WHERE u.corrects_id = i.id) AS undone
       FROM interactions i JOIN customers c ON c.id = i.customer_id
      WHERE i.collector_id = $1 AND i.outcome <> 'undo' AND ($2::int IS NULL OR i.id = $2::int)
        AND i.idempotency_key IS NOT NULL AND i.occurred_at <= $3
        AND ($2::int IS NOT NULL OR NOT EXISTS (SELECT 1 FROM interactions u WHERE u.corrects_id = i.id))
      ORDER BY i.occurred_at DESC, i.id DESC LIMIT 1`,
    [actor.id, wanted, deps.now().toISOString()],
  );
  if (!change)
    return infoReply(
      wanted === null
        ? 'Nothing to undo: you have not changed anything from chat yet.'
        : 'That change is not yours to undo.',
    );
  const alreadyUndone = () => infoReply(`Already undone: ${change.title ?? change.outcome}.`);
  if (change.undone) return alreadyUndone();
  const ageMs = deps.now().getTime() - new Date(change.occurred_at).getTime();
  if (ageMs > undoMinutes * 60_000)
    return infoReply(`Too late to undo: changes can be undone for ${undoMinutes} minutes.`, [
      `Your last change was: ${change.title ?? change.outcome}. Log a correction instead (e.g. a note).`,
    ]);

  const now = deps.now();
  const what = (change.title ?? change.outcome).replace(/^Recorded: /, '');
  return recordChange(conn, actor, key, now, async (_id, tx) => {
    return {
      interaction: {
        customerId: change.customer_id,
        outcome: 'undo',
        correctsId: change.id,
        details: { command: 'undo', undoes: change.outcome },
      },
      reply: {
        tone: 'ok',
        title: `Undone: ${what}`,
        lines: [`The original entry stays in ${customerLabel(change)}'s history, marked as undone.`],
        private: true,
      },
      effects: () => reverseEffects(tx, change, actor, now),
    };
  }).catch((err: unknown) => {
    // Another request undid it between our check and our write (a double-click): the index
    // that allows one undo per change refused this one, and nothing of it was written.
    if (violatedConstraint(err) === ONE_UNDO_INDEX) return alreadyUndone();
    throw err;
  });
}

/** The unique index on interactions(corrects_id) of undo rows (prisma/schema.prisma). */
const ONE_UNDO_INDEX = 'interactions_one_undo_idx';

async function reverseEffects(
  tx: SqlConn,
  change: PastChange,
  actor: CommandActor,
  now: Date,
): Promise<void> {
  const who = [actor.code, actor.source];
  await tx.query(
    `UPDATE promises SET status = 'cancelled', actor = $2, source = $3, updated_at = now()
      WHERE interaction_id = $1 AND status = 'open'`,
    [change.id, ...who],
  );
  await tx.query(
    `UPDATE payment_plans SET status = 'cancelled', actor = $2, source = $3, updated_at = now() WHERE interaction_id = $1`,
    [change.id, ...who],
  );
  const disputes = await tx.query<{ invoice_id: number | null }>(
    `UPDATE disputes SET status = 'cancelled', resolved_at = $4, actor = $2, source = $3, updated_at = now()
      WHERE interaction_id = $1 AND status = 'open' RETURNING invoice_id`,
    [change.id, ...who, now.toISOString()],
  );
  const invoiceIds = disputes.map((d) => d.invoice_id).filter((i): i is number => i !== null);
  if (invoiceIds.length)
    // Dunning resumes only where no other open dispute still holds the invoice.
    await tx.query(
      `UPDATE invoices i SET disputed = false, actor = $2, source = $3, updated_at = now()
        WHERE i.id = ANY($1::int[])
          AND NOT EXISTS (SELECT 1 FROM disputes d WHERE d.invoice_id = i.id AND d.status = 'open')`,
      [invoiceIds, ...who],
    );
  if (change.outcome === 'assign' && change.details && 'previousCollectorId' in change.details)
    await tx.query(
      `UPDATE customers SET collector_id = $2, actor = $3, source = $4, updated_at = now() WHERE id = $1`,
      [change.customer_id, change.details.previousCollectorId ?? null, ...who],
    );
  if (change.outcome === 'hold' && change.details?.holdId)
    await tx.query(
      `UPDATE credit_holds SET released_at = $2, released_by = $3 WHERE id = $1 AND released_at IS NULL`,
      [change.details.holdId, now.toISOString(), actor.code],
    );
  if (change.outcome === 'release' && change.details?.holdId)
    await tx.query(`UPDATE credit_holds SET released_at = NULL, released_by = NULL WHERE id = $1`, [
      change.details.holdId,
    ]);
}
