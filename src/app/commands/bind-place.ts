// `bind digests|alerts|team [collector]` and `unbind <purpose>` (managers), typed in the channel
// to bind (or, in Slack, naming it): where the morning sheets, the alert feed and the manager
// summary are posted. `bind digests ava` sends only that collector's sheets there.
import { type BindingPurpose, forgetPlace, rememberPlace } from '../chat-places.ts';
import type { ChatPlace } from '../command-model.ts';
import type { AppDeps } from '../deps.ts';
import type { Reply } from '../reply.ts';
import { type CommandActor, findCollector, managersOnly } from './actor.ts';
import { errorReply, infoReply } from './replies.ts';

const PURPOSES = ['digests', 'alerts', 'team'] as const satisfies readonly BindingPurpose[];
type Purpose = (typeof PURPOSES)[number];

const SAY_WHAT = errorReply('Say what to bind: `bind digests`, `bind alerts` or `bind team`.', [
  'digests: collectors with no direct chat with the bot get their sheets there; alerts: the alert feed; team: the manager summary.',
  'Type it in the channel (in Teams, @mention me there); in Slack you may name the channel: `bind alerts #collections`.',
]);

export async function bindPlace(
  deps: AppDeps,
  actor: CommandActor,
  command: 'bind' | 'unbind',
  text: string,
  place: ChatPlace | undefined,
): Promise<Reply> {
  const refused = managersOnly(actor, 'choose where digests and alerts go');
  if (refused) return refused;
  if (!place)
    return errorReply('Bind a chat channel from Slack or Teams: type `bind alerts` in the channel.');
  if (place.kind === 'direct')
    return errorReply('Bind a channel from inside it: type `bind alerts` there (in Teams, @mention me).', [
      'Your own sheets already come to this chat.',
    ]);
  const [word = '', ...rest] = text.trim().split(/\s+/);
  const purpose = word.toLowerCase() as Purpose;
  if (!PURPOSES.includes(purpose)) return SAY_WHAT;
  const where = place.channelName ? `#${place.channelName}` : 'this channel';
  if (command === 'unbind') {
    const removed = await forgetPlace(deps, place, purpose);
    return removed
      ? { tone: 'ok', title: `Unbound: ${purpose} will no longer post in ${where}.`, private: true }
      : infoReply(`${where} was not bound to ${purpose}.`);
  }
  const named = rest.join(' ');
  if (named && purpose !== 'digests')
    return errorReply(`Only digests can be bound for one collector: \`bind digests ${named}\`.`);
  const owner = named ? await findCollector(deps.store.sql, named) : null;
  if (owner && !owner.ok) return owner.error;
  const collector = owner?.value ?? null;
  await rememberPlace(deps, place, purpose, collector?.id ?? null, {
    actor: actor.code,
    source: actor.source,
  });
  return {
    tone: 'ok',
    title: `Bound: ${collector ? `${collector.name}'s ` : ''}${purpose} will post in ${where}.`,
    ...(place.platform === 'slack'
      ? { lines: ['Invite the bot there if it is not a member yet (/invite @Callsheet).'] }
      : {}),
    private: true,
  };
}
