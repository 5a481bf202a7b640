// `hold <customer> [reason]` and `release <customer>` (managers): a credit hold until paid,
// shown on the sheet and in `account`, with actor and reason; history is kept.
import { customerLabel } from '../../domain/grammar/format.ts';
import { leadingQuoted, restOf } from '../../domain/grammar/text.ts';
import { openHold, placeHold, releaseHold } from '../../store/holds.ts';
import type { AppDeps } from '../deps.ts';
import type { Reply } from '../reply.ts';
import type { CommandActor } from './actor.ts';
import { managersOnly } from './actor.ts';
import { customerChoiceReply } from './choices.ts';
import { findCustomer } from './customers.ts';
import { recordChange, storedReply } from './interactions.ts';
import { errorReply, undoAction } from './replies.ts';

/** Multi-word names need quotes here, since everything after the customer is the reason. */
function splitRef(text: string): { ref: string; reason: string | null } {
  const quoted = leadingQuoted(text);
  if (quoted) return { ref: quoted.quoted, reason: restOf(text, quoted.restStart) || null };
  const m = /^\s*(\S+)/.exec(text);
  return { ref: m?.[1] ?? '', reason: m ? restOf(text, m[0].length) || null : null };
}

export async function creditHold(
  deps: AppDeps,
  actor: CommandActor,
  action: 'hold' | 'release',
  text: string,
  key: string,
): Promise<Reply> {
  const refused = managersOnly(
    actor,
    action === 'hold' ? 'put customers on credit hold' : 'release credit holds',
  );
  if (refused) return refused;
  const conn = deps.store.sql;
  const earlier = await storedReply(conn, key);
  if (earlier) return earlier;
  const { ref, reason } = splitRef(text);
  const found = await findCustomer(conn, ref);
  if (!found.ok) return customerChoiceReply(found, (r) => `${action} ${r}${reason ? ` ${reason}` : ''}`);
  const customer = found.customer;
  const open = await openHold(conn, customer.id);
  if (action === 'hold' && open) return errorReply(`${customerLabel(customer)} is already on credit hold.`);
  if (action === 'release' && !open) return errorReply(`${customerLabel(customer)} is not on credit hold.`);
  const now = deps.now();
  return recordChange(conn, actor, key, now, async (id, tx) => {
    let holdId = open?.id;
    if (action === 'hold')
      holdId = await placeHold(tx, {
        customerId: customer.id,
        reason,
        at: now,
        by: actor.code,
        source: actor.source,
      });
    else if (holdId !== undefined) await releaseHold(tx, holdId, now, actor.code);
    return {
      interaction: {
        customerId: customer.id,
        outcome: action,
        note: reason,
        details: { command: action, holdId },
      },
      reply: {
        tone: 'ok',
        title:
          action === 'hold'
            ? `${customerLabel(customer)} is on credit hold until paid${reason ? ` (${reason})` : ''}`
            : `Released the credit hold on ${customerLabel(customer)}`,
        actions: [undoAction(id)],
        private: true,
      },
    };
  });
}
