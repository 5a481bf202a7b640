// `assign <customer> to <collector>` (managers): gives an account to a collector, recorded as an
// interaction (undo-able) and in the audit trail.
import { customerLabel } from '../../domain/grammar/format.ts';
import { customerBrief, setCollector } from '../../store/customers.ts';
import type { AppDeps } from '../deps.ts';
import type { Reply } from '../reply.ts';
import { type CommandActor, findCollector, managersOnly } from './actor.ts';
import { customerChoiceReply } from './choices.ts';
import { findCustomer } from './customers.ts';
import { recordChange, storedReply } from './interactions.ts';
import { errorReply, undoAction } from './replies.ts';

export async function assignCustomer(
  deps: AppDeps,
  actor: CommandActor,
  text: string,
  key: string,
): Promise<Reply> {
  const refused = managersOnly(actor, 'assign accounts');
  if (refused) return refused;
  const conn = deps.store.sql;
  const earlier = await storedReply(conn, key);
  if (earlier) return earlier;
  const m = /^(.+)\s+to\s+(\S.*)$/is.exec(text.trim());
  if (!m) return errorReply('Say who gets the account: `assign ACME to ava`.');
  const found = await findCustomer(conn, m[1]!);
  if (!found.ok) return customerChoiceReply(found, (ref) => `assign ${ref} to ${m[2]!.trim()}`);
  const named = await findCollector(conn, m[2]!);
  if (!named.ok) return named.error;
  const to = named.value;
  const customer = found.customer;
  const before = (await customerBrief(conn, customer.id))?.collector ?? null;
  if (before?.id === to.id) return errorReply(`${customerLabel(customer)} is already ${to.name}'s account.`);
  return recordChange(conn, actor, key, deps.now(), async (id, tx) => {
    const details = {
      command: 'assign',
      previousCollectorId: before?.id ?? null,
      collectorId: to.id,
    };
    await setCollector(tx, customer.id, to.id, { actor: actor.code, source: actor.source }, details);
    return {
      interaction: { customerId: customer.id, outcome: 'assign', details },
      reply: {
        tone: 'ok',
        title: `Assigned ${customerLabel(customer)} to ${to.name}${before?.name ? ` (was ${before.name})` : ''}`,
        actions: [undoAction(id)],
        private: true,
      },
    };
  });
}
