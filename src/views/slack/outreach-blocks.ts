// The manager's approval of the automated batch in Block Kit: the prompt's words (a Reply) and
// Preview / Send / Skip today buttons carrying the day they decide.
import type { OutreachPrompt } from '../../app/publisher.ts';
import type { SlackMessage } from './message.ts';
import { plain } from './mrkdwn.ts';
import { replyBlocks } from './reply-blocks.ts';

export const OUTREACH_ACTIONS = {
  preview: 'callsheet_outreach_preview',
  send: 'callsheet_outreach_send',
  skip: 'callsheet_outreach_skip',
} as const;

export function outreachPromptMessage(prompt: OutreachPrompt): SlackMessage {
  const message = replyBlocks(prompt.reply);
  const button = (id: string, label: string, style?: 'primary' | 'danger') => ({
    type: 'button' as const,
    action_id: id,
    text: plain(label),
    value: prompt.asOf,
    ...(style ? { style } : {}),
  });
  return {
    text: message.text,
    blocks: [
      ...message.blocks,
      {
        type: 'actions',
        elements: [
          button(OUTREACH_ACTIONS.preview, 'Preview'),
          button(OUTREACH_ACTIONS.send, 'Send', 'primary'),
          button(OUTREACH_ACTIONS.skip, 'Skip today', 'danger'),
        ],
      },
    ],
  };
}
