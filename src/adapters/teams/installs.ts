// The app added to or removed from a conversation. Teams sends both an installationUpdate and a
// conversationUpdate for one install, often at the same moment: the personal chat is remembered
// by both, and only the one that stored it first says hello — so a person is greeted once, with
// one answer about who they are.
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { notLinkedMessage } from '../../app/commands/actor.ts';
import type { Reply } from '../../app/reply.ts';
import { replyCard } from '../../views/teams/reply-card.ts';
import { forgetConversation } from './conversation-refs.ts';
import { chatUserOf, sendCards, type TeamsTurnEnv } from './teams-turn.ts';

function welcome(name: string | null, user: ReturnType<typeof chatUserOf>): Reply {
  if (name)
    return {
      tone: 'info',
      title: `Hello ${name}: your call sheet will arrive here each business morning.`,
      lines: ['Type `help` to see what I understand, e.g. `logcall ACME promised 5/30`.'],
      private: true,
    };
  const m = notLinkedMessage(user);
  return { tone: 'warning', title: m.title, lines: m.lines, private: true };
}

export function registerInstalls(app: Application<TurnState>, env: TeamsTurnEnv): void {
  async function installed(context: TurnContext): Promise<void> {
    if (context.activity.conversation?.conversationType !== 'personal') return;
    const user = chatUserOf(context, env.log);
    const me = await env.core.whoIs(user);
    const isNew = await env.conversations.remember(context.activity, me, true);
    if (isNew) await sendCards(context, [replyCard(welcome(me?.name ?? null, user))]);
  }

  async function uninstalled(context: TurnContext): Promise<void> {
    const count = await forgetConversation(env.deps, context.activity);
    env.conversations.forgetAll();
    env.log.info({ bindings: count }, 'Teams app removed from a conversation; forgot where it was');
  }

  app.activity('conversationUpdate', async (context) => {
    const botId = context.activity.recipient?.id;
    if ((context.activity.membersAdded ?? []).some((m) => m.id === botId)) await installed(context);
    else if ((context.activity.membersRemoved ?? []).some((m) => m.id === botId)) await uninstalled(context);
  });

  app.activity('installationUpdate', async (context) => {
    const action = String(context.activity.action ?? '');
    if (action.startsWith('add')) await installed(context);
    else if (action.startsWith('remove')) await uninstalled(context);
  });
}
