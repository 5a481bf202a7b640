// What every Teams handler needs from a turn: the sender as the core knows users, the keys that
// make a retried activity or a pressed button record once, and the core's replies as cards.
import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { ChatCore } from '../../app/chat-core.ts';
import type { ChatUser } from '../../app/command-model.ts';
import type { AppDeps } from '../../app/deps.ts';
import type { Reply } from '../../app/reply.ts';
import type { Logger } from '../../shared/logger.ts';
import type { AdaptiveCard } from '../../views/teams/adaptive-card.ts';
import { replyCard } from '../../views/teams/reply-card.ts';
import { sheetCards } from '../../views/teams/sheet-cards.ts';
import { type ConversationMemory, placeOf } from './conversation-refs.ts';
import { cardActivity } from './teams-adapter.ts';

export interface TeamsTurnEnv {
  deps: AppDeps;
  core: ChatCore;
  log: Logger;
  conversations: ConversationMemory;
}

export function aadObjectId(context: TurnContext): string | null {
  const id = context.activity.from?.aadObjectId;
  return typeof id === 'string' && id.trim() ? id.trim() : null;
}

/**
 * The sender: their Azure AD object id, and the e-mails Teams knows for them — asked of the Bot
 * Connector only if needed, and at most once per turn however often the user is looked up.
 */
export function chatUserOf(context: TurnContext, log: Logger): ChatUser {
  let emails: Promise<string[]> | undefined;
  return {
    platform: 'teams',
    id: aadObjectId(context) ?? '',
    emails: () => (emails ??= memberEmails(context, log)),
  };
}

async function memberEmails(context: TurnContext, log: Logger): Promise<string[]> {
  const userId = context.activity.from?.id;
  if (!userId) return [];
  try {
    const member = await TeamsInfo.getMember(context, userId);
    return [member.email, member.userPrincipalName]
      .filter((v): v is string => typeof v === 'string' && v.includes('@'))
      .map((v) => v.toLowerCase());
  } catch (err) {
    log.debug({ err: (err as Error).message }, 'Teams member lookup failed; user stays unknown');
    return [];
  }
}

// The core prefixes keys with the platform. A typed line records once per Teams activity (Teams
// retries with the same id); a card button once per card and button, however often pressed.
export const keyOf = (context: TurnContext) => `${context.activity.conversation?.id}:${context.activity.id}`;
export const buttonKeyOf = (context: TurnContext, button: string) =>
  context.activity.replyToId
    ? `card:${context.activity.conversation?.id}:${context.activity.replyToId}:${button}`
    : keyOf(context);

/** The core's reply as cards: the sheet itself, with its row buttons, when it carries one. */
export const replyCards = (reply: Reply): AdaptiveCard[] =>
  reply.sheet ? sheetCards(reply.sheet) : [replyCard(reply)];

export async function sendCards(context: TurnContext, cards: readonly AdaptiveCard[]): Promise<void> {
  for (const c of cards) await context.sendActivity(cardActivity(c));
}

/**
 * Runs a command for the sender and answers with its cards; also refreshes where their direct
 * chat is. `replace` turns the card that was clicked into the answer (a form, an Undo).
 */
export async function runAndAnswer(
  env: TeamsTurnEnv,
  context: TurnContext,
  line: string,
  key: string,
  replace = false,
): Promise<Reply> {
  const user = chatUserOf(context, env.log);
  const place = placeOf(context.activity);
  const reply = await env.core.runCommand({
    command: '',
    text: line.replace(/\u00a0/g, ' '),
    user,
    idempotencyKey: key,
    ...(place ? { place } : {}),
  });
  const me = reply.sender !== undefined ? reply.sender : await env.core.whoIs(user);
  if (me) await env.conversations.remember(context.activity, me);
  const cards = replyCards(reply);
  const cardId = context.activity.replyToId;
  if (replace && cardId && cards.length === 1) {
    await context.updateActivity({ ...cardActivity(cards[0]!), id: cardId });
  } else {
    await sendCards(context, cards);
  }
  return reply;
}
