// The Slack-only parts of /callsheet: `sheet [@user]` (a sheet on demand), `bind digests|alerts|team
// [#channel]` and `settings` (managers). Everything else under /callsheet goes to the command core.
import type { Reply } from '../../app/reply.ts';
import type { SlackMessage } from '../../views/slack/message.ts';
import { sheetMessages } from '../../views/slack/sheet-blocks.ts';
import {
  errorReply,
  managersOnlyReply,
  notLinkedReply,
  type SlackHandlerContext,
} from './handler-context.ts';
import { type BindingPurpose, bindChannel, collectorBySlackUser } from './slack-directory.ts';
import { mentionedChannel, mentionedUsers } from './slack-text.ts';

export const ADMIN_SUBCOMMANDS = ['sheet', 'bind', 'settings'] as const;

export interface AdminRequest {
  sub: string;
  args: string;
  userId: string;
  teamId: string;
  channelId: string;
}

/** A reply, or messages (a sheet) to show the caller. */
export type AdminAnswer = { reply: Reply } | { messages: SlackMessage[] };

const PURPOSES: BindingPurpose[] = ['digests', 'alerts', 'team'];

export async function runAdmin(ctx: SlackHandlerContext, req: AdminRequest): Promise<AdminAnswer> {
  const conn = ctx.deps.store.sql;
  const me = await collectorBySlackUser(conn, req.userId);
  if (!me) return { reply: notLinkedReply(req.userId) };
  if (req.sub === 'sheet') {
    const [target] = mentionedUsers(req.args);
    let who = me;
    if (target && target !== req.userId) {
      if (me.role !== 'manager') return { reply: managersOnlyReply("see another collector's sheet") };
      const other = await collectorBySlackUser(conn, target);
      if (!other) return { reply: errorReply(`That Slack user (${target}) is not linked to a collector.`) };
      who = other;
    }
    const sheet = await ctx.core.sheetFor(who.code);
    if (!sheet)
      return { reply: { tone: 'info', title: `${who.name} has no call sheet today.`, private: true } };
    return { messages: sheetMessages(sheet) };
  }
  if (me.role !== 'manager') return { reply: managersOnlyReply(`use /callsheet ${req.sub}`) };
  if (req.sub === 'bind') {
    const purpose = req.args.trim().split(/\s+/)[0]?.toLowerCase() as BindingPurpose;
    if (!PURPOSES.includes(purpose)) {
      return {
        reply: errorReply('Say what to bind: /callsheet bind digests|alerts|team #channel', [
          'digests: collectors without a DM get their sheets there; alerts: the alert feed; team: the manager summary.',
        ]),
      };
    }
    const channel = mentionedChannel(req.args) ?? { id: req.channelId, name: null };
    await bindChannel(
      conn,
      { workspaceId: req.teamId, channelId: channel.id, purpose },
      { actor: me.code, source: 'slack' },
    );
    const where = channel.name ? `#${channel.name}` : 'this channel';
    return {
      reply: {
        tone: 'ok',
        title: `Bound: ${purpose} will post in ${where}.`,
        lines: ['Invite the bot there if it is not a member yet (/invite @Callsheet).'],
        private: true,
      },
    };
  }
  // settings: show what is stored; changes go through `callsheet` on the server so they are validated.
  const rows = await conn.query<{ key: string; value: string; actor: string }>(
    'SELECT key, value::text AS value, actor FROM settings ORDER BY key',
  );
  return {
    reply: {
      tone: 'info',
      title: rows.length
        ? 'Stored settings (everything else uses the defaults):'
        : 'All settings use their defaults.',
      ...(rows.length
        ? {
            table: {
              columns: ['setting', 'value', 'changed by'],
              rows: rows.map((r) => [r.key, r.value, r.actor]),
            },
          }
        : {}),
      private: true,
    },
  };
}
