// botbuilder's CloudAdapter as Callsheet drives it: our own HTTP route hands it activities, and
// proactive posts (sheets, alerts) go to stored conversation references.
import { TeamsAdapter } from '@microsoft/teams-ai';
import {
  type Activity,
  CardFactory,
  type ConversationReference,
  type InvokeResponse,
  MessageFactory,
  type ResourceResponse,
  type TurnContext,
} from 'botbuilder';
import type { AdaptiveCard } from '../../views/teams/adaptive-card.ts';

/** CloudAdapter whose activity entry point our own HTTP handler can call. */
export class CallsheetTeamsAdapter extends TeamsAdapter {
  handleActivity(
    authHeader: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

export function cardActivity(c: AdaptiveCard): Partial<Activity> {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(c));
  if (c.fallbackText) activity.summary = c.fallbackText;
  return activity;
}

/** Sends cards to a stored conversation as new messages; returns their ids. */
export async function postCards(
  adapter: CallsheetTeamsAdapter,
  appId: string,
  reference: Partial<ConversationReference>,
  cards: readonly AdaptiveCard[],
): Promise<string[]> {
  const ids: string[] = [];
  // The adapter hands errors inside a turn to onTurnError; a failed post must reach the caller
  // (the job ledger retries it), so it is carried out of the turn and rethrown.
  let failure: unknown;
  await adapter.continueConversationAsync(appId, reference, async (context) => {
    // botbuilder would reply to the made-up continuation activity; a post stands on its own
    // (a new message in a chat, a new thread in a channel).
    context.onSendActivities(async (_ctx, activities, next) => {
      for (const a of activities) delete a.replyToId;
      return next();
    });
    try {
      for (const c of cards) {
        const sent: ResourceResponse | undefined = await context.sendActivity(cardActivity(c));
        if (sent?.id) ids.push(sent.id);
      }
    } catch (err) {
      failure = err;
    }
  });
  if (failure) throw failure;
  return ids;
}
