// The manager's approval of the automated batch as an Adaptive Card: the prompt's words (a Reply)
// and Preview / Send / Skip today buttons carrying the day they decide.
import type { OutreachPrompt } from '../../app/publisher.ts';
import { type AdaptiveCard, submit } from './adaptive-card.ts';
import { replyCard } from './reply-card.ts';

export const OUTREACH_VERB = 'cs.outreach';

export function outreachPromptCard(prompt: OutreachPrompt): AdaptiveCard {
  const c = replyCard(prompt.reply);
  const data = (decision: string) => ({ verb: OUTREACH_VERB, decision, asOf: prompt.asOf });
  return {
    ...c,
    actions: [
      ...(c.actions ?? []),
      submit('Preview', data('preview')),
      submit('Send', data('send'), 'positive'),
      submit('Skip today', data('skip'), 'destructive'),
    ],
  };
}
