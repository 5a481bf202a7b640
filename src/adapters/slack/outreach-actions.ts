// Routes the approval buttons (Preview / Send / Skip today) to the use case and shows its answer:
// Preview privately below the prompt, Send and Skip in place of the prompt (no second press).
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import {
  type BatchDecision,
  decideOutreachBatch,
  type OutreachChatOptions,
} from '../../app/outreach/approve-batch.ts';
import { isIsoDate } from '../../domain/calendar.ts';
import { OUTREACH_ACTIONS } from '../../views/slack/outreach-blocks.ts';
import { replyBlocks } from '../../views/slack/reply-blocks.ts';
import { failedRequestReply, type SlackHandlerContext } from './handler-context.ts';
import { toSlack } from './slash-commands.ts';

const DECISIONS: Record<string, BatchDecision> = {
  [OUTREACH_ACTIONS.preview]: 'preview',
  [OUTREACH_ACTIONS.send]: 'send',
  [OUTREACH_ACTIONS.skip]: 'skip',
};

export function registerOutreachActions(
  app: App,
  ctx: SlackHandlerContext,
  options: OutreachChatOptions,
): void {
  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^(${Object.keys(DECISIONS).join('|')})$`),
    async ({ ack, body, action, respond }) => {
      await ack();
      const decision = DECISIONS[action.action_id];
      const asOf = action.value ?? '';
      if (!decision || !isIsoDate(asOf)) return;
      ctx.background.run(async () => {
        const reply = await decideOutreachBatch(ctx.deps, options, {
          user: { platform: 'slack', id: body.user.id },
          asOf,
          decision,
        }).catch((err: unknown) => failedRequestReply(ctx, err, { what: action.action_id }));
        const replace = decision !== 'preview' && reply.tone === 'ok';
        await respond({ ...toSlack(replyBlocks(reply), reply), replace_original: replace });
      });
    },
  );
}
