// /logcall, /calls, /account, /promises and /callsheet. Each is acknowledged within Slack's 3 s:
// with the answer when the core is quick, otherwise at once, the answer following via response_url.
// Replies are ephemeral unless the core says otherwise.
import type { App, RespondArguments } from '@slack/bolt';
import type { Reply } from '../../app/reply.ts';
import { collectorByUser } from '../../store/collectors.ts';
import type { SlackMessage } from '../../views/slack/message.ts';
import { replyBlocks } from '../../views/slack/reply-blocks.ts';
import { ADMIN_ARGS } from './admin-usage.ts';
import { within } from './answer-in-time.ts';
import { ADMIN_SUBCOMMANDS, type AdminAnswer, runAdmin } from './callsheet-admin.ts';
import { failedRequestReply, requestKey, type SlackHandlerContext } from './handler-context.ts';
import { replaceMentions, typedText } from './slack-text.ts';

/** The slash commands this app declares; manifests/slack/*.yaml must list exactly these. */
export const SLASH_COMMANDS = ['/logcall', '/calls', '/account', '/promises', '/callsheet'] as const;

const SLACK_HELP_LINES = [
  `In Slack also: /callsheet sheet ${ADMIN_ARGS.sheet} shows a sheet now; managers: /callsheet bind ${ADMIN_ARGS.bind}, /callsheet settings ${ADMIN_ARGS.settings}.`,
];

export function toSlack(
  message: SlackMessage,
  reply: Pick<Reply, 'private'> = { private: true },
): RespondArguments {
  return {
    response_type: reply.private ? 'ephemeral' : 'in_channel',
    text: message.text,
    blocks: message.blocks,
  };
}

export function registerSlashCommands(app: App, ctx: SlackHandlerContext): void {
  for (const name of SLASH_COMMANDS) {
    app.command(name, async ({ command, ack, respond }) => {
      const userId = command.user_id;
      const work = (async (): Promise<RespondArguments[]> => {
        // Mentions become collector codes so `/callsheet assign ACME @jane` reads like the console.
        const mentioned = await replaceMentions(command.text ?? '', async (id, shown) => {
          const c = await collectorByUser(ctx.deps.store.sql, 'slack', id);
          return c?.code ?? shown ?? id;
        });
        const text = typedText(mentioned);
        const [first = '', ...rest] = (command.text ?? '').trim().split(/\s+/);
        const sub = first.toLowerCase();
        if (name === '/callsheet' && (ADMIN_SUBCOMMANDS as readonly string[]).includes(sub)) {
          const answer: AdminAnswer = await runAdmin(ctx, {
            sub,
            args: rest.join(' '),
            userId,
            teamId: command.team_id,
            channelId: command.channel_id,
          });
          if ('reply' in answer) return [toSlack(replyBlocks(answer.reply))];
          return answer.messages.map((m) => toSlack(m));
        }
        const reply = await ctx.core.runCommand({
          command: name.slice(1),
          text,
          user: { platform: 'slack', id: userId },
          idempotencyKey: requestKey('command', command.trigger_id, command),
        });
        if (name === '/callsheet' && (sub === '' || sub === 'help')) {
          reply.lines = [...(reply.lines ?? []), ...SLACK_HELP_LINES];
        }
        return [toSlack(replyBlocks(reply), reply)];
      })().catch((err: unknown) => [
        toSlack(replyBlocks(failedRequestReply(ctx, err, { command: name, user: userId }))),
      ]);
      const outcome = await within(work, ctx.ackBudgetMs);
      if (outcome.done) {
        const [first, ...more] = outcome.value;
        await ack(first);
        // response_url takes at most 5 messages.
        for (const m of more.slice(0, 4)) await respond(m);
        return;
      }
      await ack();
      ctx.background.run(async () => {
        const messages = await outcome.later;
        for (const m of messages.slice(0, 5)) await respond(m);
      });
    });
  }
}
