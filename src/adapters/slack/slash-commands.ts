// /logcall, /calls, /account, /promises and /callsheet <any command>. Each is acknowledged within
// Slack's 3 s: with the answer when the core is quick, otherwise at once, the answer following via
// response_url. Replies are ephemeral unless the core says otherwise; a reply that carries a sheet
// is drawn as the sheet, with its row buttons.
import type { App, RespondArguments, SlashCommand } from '@slack/bolt';
import type { ChatPlace } from '../../app/command-model.ts';
import type { Reply } from '../../app/reply.ts';
import type { SlackMessage } from '../../views/slack/message.ts';
import { replyBlocks } from '../../views/slack/reply-blocks.ts';
import { sheetMessages } from '../../views/slack/sheet-blocks.ts';
import { within } from './answer-in-time.ts';
import { failedRequestReply, requestKey, type SlackHandlerContext } from './handler-context.ts';
import { mentionedChannel, replaceMentions, typedText } from './slack-text.ts';

/** The slash commands this app declares; manifests/slack/*.yaml must list exactly these. */
export const SLASH_COMMANDS = ['/logcall', '/calls', '/account', '/promises', '/callsheet'] as const;

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

/** What the core's reply looks like in Slack: the sheet itself when it carries one. */
export function replyMessages(reply: Reply): RespondArguments[] {
  if (reply.sheet) return sheetMessages(reply.sheet).map((m) => toSlack(m, reply));
  return [toSlack(replyBlocks(reply), reply)];
}

/** The channel a command acts on: the one it names, else where it was typed. */
function placeOf(command: SlashCommand, named: { id: string; name: string | null } | null): ChatPlace {
  const id = named?.id ?? command.channel_id;
  const direct = !named && (id.startsWith('D') || command.channel_name === 'directmessage');
  return {
    platform: 'slack',
    workspaceId: command.team_id,
    channelId: id,
    channelName: named ? named.name : direct ? null : (command.channel_name ?? null),
    kind: direct ? 'direct' : 'channel',
  };
}

export function registerSlashCommands(app: App, ctx: SlackHandlerContext): void {
  for (const name of SLASH_COMMANDS) {
    app.command(name, async ({ command, ack, respond }) => {
      const userId = command.user_id;
      const work = (async (): Promise<RespondArguments[]> => {
        // Mentions become collector codes so `/callsheet assign ACME @jane` reads like the console.
        const mentioned = await replaceMentions(command.text ?? '', async (id, shown) => {
          const c = await ctx.core.whoIs({ platform: 'slack', id });
          return c?.code ?? shown ?? id;
        });
        const { channel, rest } = mentionedChannel(mentioned);
        const reply = await ctx.core.runCommand({
          command: name.slice(1),
          text: typedText(rest),
          user: { platform: 'slack', id: userId },
          idempotencyKey: requestKey('command', command.trigger_id, command),
          place: placeOf(command, channel),
        });
        return replyMessages(reply);
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
