// The Teams bot: teams-ai routing on botbuilder's CloudAdapter. Typed messages and card buttons go
// to the chat core like every surface's; installs are remembered and greeted once. No business
// rules here.
import { AdaptiveCardActionExecuteResponseType, Application, type TurnState } from '@microsoft/teams-ai';
import type { ConversationReference } from 'botbuilder';
import type { ChatCore } from '../../app/chat-core.ts';
import { failureReply } from '../../app/commands/replies.ts';
import type { AppDeps } from '../../app/deps.ts';
import type { OutreachChatOptions } from '../../app/outreach/approve-batch.ts';
import { reportFailure } from '../../app/report-failure.ts';
import type { Logger } from '../../shared/logger.ts';
import type { AdaptiveCard } from '../../views/teams/adaptive-card.ts';
import { replyCard } from '../../views/teams/reply-card.ts';
import type { BotAuth } from './bot-auth.ts';
import { registerCardButtons } from './card-buttons.ts';
import { conversationMemory } from './conversation-refs.ts';
import { registerInstalls } from './installs.ts';
import { registerOutreachSubmit } from './outreach-submit.ts';
import { CallsheetTeamsAdapter, cardActivity, postCards } from './teams-adapter.ts';
import { keyOf, runAndAnswer, type TeamsTurnEnv } from './teams-turn.ts';

export { CallsheetTeamsAdapter, cardActivity };

export interface TeamsBot {
  adapter: CallsheetTeamsAdapter;
  app: Application<TurnState>;
  appId: string;
  /** Sends cards to a stored conversation; returns the new message ids. */
  sendCards(reference: Partial<ConversationReference>, cards: AdaptiveCard[]): Promise<string[]>;
}

export interface TeamsBotOptions {
  deps: AppDeps;
  core: ChatCore;
  auth: BotAuth;
  log: Logger;
  /** The mail set-up for the outreach approval buttons, when configured. */
  outreach?: OutreachChatOptions;
}

export function createTeamsBot({ deps, core, auth, log, outreach }: TeamsBotOptions): TeamsBot {
  const adapter = new CallsheetTeamsAdapter(auth.settings);
  const app = new Application<TurnState>({
    adapter,
    ...(auth.appId ? { botAppId: auth.appId } : {}),
    startTypingTimer: false,
    removeRecipientMention: true,
    longRunningMessages: false,
    adaptiveCards: { actionExecuteResponseType: AdaptiveCardActionExecuteResponseType.REPLACE_FOR_ALL },
  });
  adapter.onTurnError = async (context, err) => {
    reportFailure(log, err, { activityType: context.activity.type }, 'Teams turn failed');
    if (context.activity.type === 'message') {
      await context.sendActivity(cardActivity(replyCard(failureReply(err)))).catch(() => {});
    }
  };
  const env: TeamsTurnEnv = { deps, core, log, conversations: conversationMemory(deps) };

  // Card buttons first: an Action.Submit arrives as a message with a value and no text.
  registerCardButtons(app, env);
  registerOutreachSubmit(app, deps, outreach);
  app.activity('message', async (context) => {
    await runAndAnswer(env, context, context.activity.text ?? '', keyOf(context));
  });
  registerInstalls(app, env);

  return {
    adapter,
    app,
    appId: auth.appId,
    sendCards: (reference, cards) => postCards(adapter, auth.appId, reference, cards),
  };
}
