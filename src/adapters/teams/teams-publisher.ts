// Speaking first in Teams: each collector's sheet to their personal chat, the team view and
// alerts to the channels bound for them (or, when none is bound, to each manager's personal
// chat), through the conversation references stored on install or first message.
import type { AlertView } from '../../app/alert-model.ts';
import type { AppDeps } from '../../app/deps.ts';
import type { ChatPublisher, PostResult } from '../../app/publisher.ts';
import type { CallSheet, ManagerSummary } from '../../app/sheet-model.ts';
import type { AdaptiveCard } from '../../views/teams/adaptive-card.ts';
import { alertCard, alertRollupCard } from '../../views/teams/alert-card.ts';
import { outreachPromptCard } from '../../views/teams/outreach-card.ts';
import { sheetCards } from '../../views/teams/sheet-cards.ts';
import { summaryCard } from '../../views/teams/summary-card.ts';
import {
  type BindingPurpose,
  boundConversations,
  managerConversations,
  personalConversation,
  type StoredConversation,
} from './conversation-refs.ts';
import type { TeamsBot } from './teams-bot.ts';

export function teamsPublisher(deps: AppDeps, bot: Pick<TeamsBot, 'sendCards'>): ChatPublisher {
  async function deliver(targets: StoredConversation[], cards: AdaptiveCard[]): Promise<PostResult> {
    if (!targets.length) return { delivered: false };
    const messageIds: string[] = [];
    // Sequential on purpose: Teams throttles bursts per conversation, and a failure should stop
    // here (the job ledger retries the whole post) rather than leave half the targets unknown.
    for (const target of targets) messageIds.push(...(await bot.sendCards(target.reference, cards)));
    return { delivered: true, target: targets.map((t) => `teams:${t.channelId}`).join(','), messageIds };
  }

  /** The channels bound for the first purpose that has any, else every manager's personal chat. */
  async function channelsOrManagers(...purposes: BindingPurpose[]): Promise<StoredConversation[]> {
    for (const purpose of purposes) {
      const channels = await boundConversations(deps, purpose);
      if (channels.length) return channels;
    }
    return managerConversations(deps);
  }

  return {
    platform: 'teams',
    async postSheet(sheet: CallSheet) {
      // As on Slack: the collector's own digests channel, else their chat, else the team's channel.
      const chat = await personalConversation(deps, sheet.collector.id);
      return deliver(chat ? [chat] : await boundConversations(deps, 'digests'), sheetCards(sheet));
    },
    async postSummary(summary: ManagerSummary) {
      return deliver(await channelsOrManagers('team', 'digests'), [summaryCard(summary)]);
    },
    async postAlert(alert: AlertView) {
      return deliver(await channelsOrManagers('alerts'), [alertCard(alert)]);
    },
    async postAlertRollup(rollup) {
      return deliver(await channelsOrManagers('alerts'), [alertRollupCard(rollup)]);
    },
    async postOutreachBatch(prompt) {
      return deliver(await managerConversations(deps), [outreachPromptCard(prompt)]);
    },
  };
}
