// Routes the approval buttons (Preview / Send / Skip today) of the batch card to the use case:
// Preview answers with a card below; Send and Skip replace the prompt (no second press).
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { AppDeps } from '../../app/deps.ts';
import {
  type BatchDecision,
  decideOutreachBatch,
  type OutreachChatOptions,
} from '../../app/outreach/approve-batch.ts';
import { isIsoDate } from '../../domain/calendar.ts';
import { OUTREACH_VERB } from '../../views/teams/outreach-card.ts';
import { replyCard } from '../../views/teams/reply-card.ts';
import { cardActivity } from './teams-adapter.ts';
import { aadObjectId } from './teams-turn.ts';

const DECISIONS = new Set<BatchDecision>(['preview', 'send', 'skip']);

export function registerOutreachSubmit(
  app: Application<TurnState>,
  deps: AppDeps,
  options: OutreachChatOptions | undefined,
): void {
  app.adaptiveCards.actionSubmit(OUTREACH_VERB, async (context, _state, data) => {
    const { decision, asOf } = data as { decision?: unknown; asOf?: unknown };
    if (!DECISIONS.has(decision as BatchDecision) || typeof asOf !== 'string' || !isIsoDate(asOf)) return;
    const reply = await decideOutreachBatch(deps, options ?? { from: null }, {
      user: { platform: 'teams', id: aadObjectId(context) ?? '' },
      asOf,
      decision: decision as BatchDecision,
    });
    const card = cardActivity(replyCard(reply));
    const promptId = context.activity.replyToId;
    if (decision !== 'preview' && reply.tone === 'ok' && promptId)
      await context.updateActivity({ ...card, id: promptId });
    else await context.sendActivity(card);
  });
}
