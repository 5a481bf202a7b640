// `digest [collector]` (managers): this morning's sheets (and, for the whole team, the manager
// summary) posted now through every chat surface of the running server, as `callsheet digest
// --now` does: a set-up check, or a fresh copy after a late import. Each request posts anew.
import type { AppDeps } from '../deps.ts';
import type { DigestPostReport } from '../publisher.ts';
import type { Reply } from '../reply.ts';
import { type CommandActor, findCollector, managersOnly } from './actor.ts';
import { errorReply } from './replies.ts';

export async function postDigests(deps: AppDeps, actor: CommandActor, text: string): Promise<Reply> {
  const refused = managersOnly(actor, "post the morning's digests");
  if (refused) return refused;
  if (!deps.postDigests)
    return errorReply('Digests are posted by the running bot.', [
      'Use `digest` in Slack or Teams, or `callsheet digest --now` on the server.',
    ]);
  const named = text.trim() ? await findCollector(deps.store.sql, text) : null;
  if (named && !named.ok) return named.error;
  const posts = await deps.postDigests(named ? { collector: named.value.code } : {});
  const count = (o: DigestPostReport['outcome']) => posts.filter((p) => p.outcome === o).length;
  const failed = count('failed');
  return {
    tone: failed ? 'warning' : 'ok',
    title: `Digests: ${count('posted')} posted, ${count('nowhere')} with nowhere to go, ${failed} failed.`,
    table: {
      columns: ['For', 'Where', 'Outcome'],
      rows: posts.map((p) => [
        p.recipient,
        p.target ?? p.platform,
        p.outcome === 'posted' ? 'posted' : `${p.outcome}${p.error ? `: ${p.error}` : ''}`,
      ]),
    },
    lines: [
      'Nowhere to go: link the collector (slack_user_id / teams_user_id) or `bind digests` in a channel.',
    ],
    private: true,
  };
}
