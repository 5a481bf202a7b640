// The Slack-only parts of /callsheet: `sheet [@user]` (a sheet on demand), `bind digests|alerts|team
// [#channel]` and `settings` (managers). Everything else under /callsheet goes to the command core.
import { changeSetting, describeSetting, listSettings, resetSetting } from '../../app/business-settings.ts';
import type { Reply } from '../../app/reply.ts';
import { unstorableText } from '../../domain/safe-text.ts';
import { UserError } from '../../shared/errors.ts';
import { type BindingPurpose, bindChannel } from '../../store/bindings.ts';
import { collectorByUser } from '../../store/collectors.ts';
import type { SlackMessage } from '../../views/slack/message.ts';
import { sheetMessages } from '../../views/slack/sheet-blocks.ts';
import {
  errorReply,
  failureReply,
  managersOnlyReply,
  notLinkedReply,
  type SlackHandlerContext,
} from './handler-context.ts';
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
  const unstorable = unstorableText(req.args);
  if (unstorable) return { reply: errorReply(`That message ${unstorable}.`, ['Nothing was changed.']) };
  const conn = ctx.deps.store.sql;
  const me = await collectorByUser(conn, 'slack', req.userId);
  if (!me) return { reply: notLinkedReply(req.userId) };
  if (req.sub === 'sheet') {
    const [target] = mentionedUsers(req.args);
    let who = me;
    if (target && target !== req.userId) {
      if (me.role !== 'manager') return { reply: managersOnlyReply("see another collector's sheet") };
      const other = await collectorByUser(conn, 'slack', target);
      if (!other) return { reply: errorReply(`That Slack user (${target}) is not linked to a collector.`) };
      who = other;
    }
    const sheet = await ctx.core.sheetFor(who.code);
    if (!sheet) {
      const lines =
        who.role === 'manager'
          ? [
              'Managers carry no accounts of their own: /calls shows the team, /callsheet sheet @user a collector’s sheet.',
            ]
          : [];
      return { reply: { tone: 'info', title: `${who.name} has no call sheet today.`, lines, private: true } };
    }
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
    // `bind digests #channel @user`: that collector's sheets go there instead of their DM.
    const [userId] = mentionedUsers(req.args);
    const owner = userId && purpose === 'digests' ? await collectorByUser(conn, 'slack', userId) : null;
    if (userId && purpose === 'digests' && !owner) {
      return { reply: errorReply(`That Slack user (${userId}) is not linked to a collector.`) };
    }
    await bindChannel(
      conn,
      {
        platform: 'slack',
        workspaceId: req.teamId,
        channelId: channel.id,
        purpose,
        collectorId: owner?.id ?? null,
      },
      { actor: me.code, source: 'slack' },
    );
    const where = channel.name ? `#${channel.name}` : 'this channel';
    return {
      reply: {
        tone: 'ok',
        title: `Bound: ${owner ? `${owner.name}'s ` : ''}${purpose} will post in ${where}.`,
        lines: ['Invite the bot there if it is not a member yet (/invite @Callsheet).'],
        private: true,
      },
    };
  }
  // settings [set <setting> <value> | reset <setting>]: the same validated changes as the CLI.
  const [verb = '', path = '', ...value] = req.args.trim().split(/\s+/);
  const who = { actor: me.code, source: 'slack' };
  if (verb === 'set' || verb === 'reset') {
    if (!path || (verb === 'set' && !value.length))
      return {
        reply: errorReply(
          'Say which setting: /callsheet settings set policy.lateness.lateDays 45 (or reset <setting>)',
        ),
      };
    try {
      const line = await conn.transaction((tx) =>
        verb === 'set' ? changeSetting(tx, path, value.join(' '), who) : resetSetting(tx, path, who),
      );
      return {
        reply: {
          tone: 'ok',
          title: describeSetting(line),
          private: true,
        },
      };
    } catch (err) {
      if (err instanceof UserError) return { reply: failureReply(err) };
      throw err;
    }
  }
  const lines = await listSettings(conn);
  const changed = lines.filter((l) => l.stored);
  return {
    reply: {
      tone: 'info',
      title: changed.length
        ? `${changed.length} of ${lines.length} settings differ from the defaults:`
        : `All ${lines.length} settings use their defaults.`,
      ...(changed.length
        ? {
            table: {
              columns: ['setting', 'value', 'default'],
              rows: changed.map((l) => [l.path, l.value, l.defaultValue]),
            },
          }
        : {}),
      lines: [
        'Change one: /callsheet settings set <setting> <value>; back to the default: /callsheet settings reset <setting>. `callsheet settings` on the server lists them all.',
      ],
      private: true,
    },
  };
}
