// `undo`: reverses the actor's last change made from chat (or the one an Undo button names) within the undo
// window, by appending a correcting interaction and cancelling what the change created.
// Nothing is deleted.
import { customerLabel } from '../../domain/grammar/format.ts';
import { setCollector } from '../../store/customers.ts';
import { cancelDisputesOf } from '../../store/disputes.ts';
import { reinstateHold, releaseHold } from '../../store/holds.ts';
import { lastChange, type PastChange } from '../../store/interactions.ts';
import { cancelPromisesOf } from '../../store/promises.ts';
import { readSettings } from '../../store/settings.ts';
import type { SqlConn } from '../../store/sql.ts';
import { violatedConstraint } from '../../store/sql-errors.ts';
import type { AppDeps } from '../deps.ts';
import type { Reply } from '../reply.ts';
import type { CommandActor } from './actor.ts';
import { recordChange, storedReply } from './interactions.ts';
import { errorReply, infoReply } from './replies.ts';
import { commandSettings } from './settings.ts';

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
  const change = await lastChange(conn, actor.id, wanted, deps.now());
  if (!change)
    return infoReply(
      wanted === null
        ? 'Nothing to undo: you have not changed anything from chat yet.'
        : 'That change is not yours to undo.',
    );
  const alreadyUndone = () => infoReply(`Already undone: ${change.title ?? change.outcome}.`);
  if (change.undone) return alreadyUndone();
  const ageMs = deps.now().getTime() - new Date(change.occurredAt).getTime();
  if (ageMs > undoMinutes * 60_000)
    return infoReply(`Too late to undo: changes can be undone for ${undoMinutes} minutes.`, [
      `Your last change was: ${change.title ?? change.outcome}. Log a correction instead (e.g. a note).`,
    ]);

  const now = deps.now();
  const what = (change.title ?? change.outcome).replace(/^Recorded: /, '');
  return recordChange(conn, actor, key, now, async (_id, tx) => {
    return {
      interaction: {
        customerId: change.customerId,
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
  const who = { actor: actor.code, source: actor.source };
  await cancelPromisesOf(tx, change.id, who);
  await cancelDisputesOf(tx, change.id, now, who);
  if (change.outcome === 'assign' && change.details && 'previousCollectorId' in change.details)
    await setCollector(tx, change.customerId, change.details.previousCollectorId ?? null, who);
  if (change.outcome === 'hold' && change.details?.holdId)
    await releaseHold(tx, change.details.holdId, now, actor.code);
  if (change.outcome === 'release' && change.details?.holdId) await reinstateHold(tx, change.details.holdId);
}
