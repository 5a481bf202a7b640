// The scheduler's way to speak first in Slack. A sheet goes to the collector's own bound channel,
// else their DM (opened by Slack user id), else the team's digests channel; the manager summary to
// the team channel (or digests); alerts to the alerts channel. Failures throw after retries so the
// job ledger keeps the post and tries again later.
import type { AlertView } from '../../app/alert-model.ts';
import { collectorOf, collectorsOwnChannel, teamChannel } from '../../app/chat-places.ts';
import type { AppDeps } from '../../app/deps.ts';
import type { ChatPublisher, PostResult } from '../../app/publisher.ts';
import type { CallSheet, ManagerSummary } from '../../app/sheet-model.ts';
import { alertMessage, alertRollupMessage } from '../../views/slack/alert-blocks.ts';
import type { SlackMessage } from '../../views/slack/message.ts';
import { outreachPromptMessage } from '../../views/slack/outreach-blocks.ts';
import { sheetMessages } from '../../views/slack/sheet-blocks.ts';
import { summaryMessage } from '../../views/slack/summary-blocks.ts';
import type { SlackCaller } from './slack-caller.ts';

export function createSlackPublisher(deps: AppDeps, caller: SlackCaller): ChatPublisher {
  const boundChannel = (purpose: 'digests' | 'alerts' | 'team') => teamChannel(deps, 'slack', purpose);

  const post = async (channel: string, messages: SlackMessage[]): Promise<PostResult> => {
    const ids: string[] = [];
    for (const m of messages) {
      const res = await caller.call<{ ts?: string; channel?: string }>(
        'chat.postMessage',
        { channel, text: m.text, blocks: m.blocks, unfurl_links: false, unfurl_media: false },
        channel,
      );
      ids.push(`${res.channel ?? channel}:${res.ts ?? ''}`);
    }
    return { delivered: true, target: `slack:${channel}`, messageIds: ids };
  };

  const sheetChannel = async (sheet: CallSheet): Promise<string | null> => {
    const own = await collectorsOwnChannel(deps, 'slack', 'digests', sheet.collector.id);
    if (own) return own;
    const collector = await collectorOf(deps, sheet.collector.id);
    if (collector?.slackUserId) {
      const res = await caller.call<{ channel?: { id?: string } }>('conversations.open', {
        users: collector.slackUserId,
      });
      if (res.channel?.id) return res.channel.id;
    }
    return boundChannel('digests');
  };

  return {
    platform: 'slack',
    async postSheet(sheet) {
      const channel = await sheetChannel(sheet);
      if (!channel) return { delivered: false };
      return post(channel, sheetMessages(sheet));
    },
    async postSummary(summary: ManagerSummary) {
      const channel = (await boundChannel('team')) ?? (await boundChannel('digests'));
      if (!channel) return { delivered: false };
      return post(channel, [summaryMessage(summary)]);
    },
    async postAlert(alert: AlertView) {
      const channel = await boundChannel('alerts');
      if (!channel) return { delivered: false };
      return post(channel, [alertMessage(alert)]);
    },
    async postAlertRollup(rollup) {
      const channel = await boundChannel('alerts');
      if (!channel) return { delivered: false };
      return post(channel, [alertRollupMessage(rollup)]);
    },
    async postOutreachBatch(prompt) {
      const channel = (await boundChannel('team')) ?? (await boundChannel('digests'));
      return channel ? post(channel, [outreachPromptMessage(prompt)]) : { delivered: false };
    },
  };
}
