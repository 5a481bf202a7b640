// Reply (the command core's answer) → a Block Kit message: what happened in words, the facts, an
// optional table, and buttons (Undo, or choices that re-run a command).
import type { Reply, ReplyAction } from '../../app/reply.ts';
import { type Block, type ButtonElement, chunk, LIMITS, type SlackMessage } from './message.ts';
import { escapeMrkdwn, mrkdwn, plain, truncate } from './mrkdwn.ts';

export const UNDO_ACTION = 'callsheet_undo';
export const COMMAND_ACTION_PREFIX = 'callsheet_command:';

const TONE_ICON: Record<Reply['tone'], string> = {
  ok: ':white_check_mark:',
  info: ':information_source:',
  warning: ':warning:',
  error: ':x:',
};

export function replyBlocks(reply: Reply): SlackMessage {
  const blocks: Block[] = [];
  const head = `${TONE_ICON[reply.tone]} *${escapeMrkdwn(reply.title)}*`;
  const lines = (reply.lines ?? []).map(escapeMrkdwn);
  blocks.push({ type: 'section', text: mrkdwn([head, ...lines].join('\n')) });
  for (const facts of chunk(reply.facts ?? [], LIMITS.fieldsPerSection)) {
    blocks.push({
      type: 'section',
      fields: facts.map((f) => mrkdwn(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`, LIMITS.field)),
    });
  }
  if (reply.table?.rows.length) blocks.push(...tableBlocks(reply.table));
  const buttons = (reply.actions ?? []).map(actionButton);
  for (const group of chunk(buttons, LIMITS.elementsPerActions)) {
    blocks.push({ type: 'actions', elements: group });
  }
  return {
    text: escapeMrkdwn(truncate(reply.title, LIMITS.fallbackText)),
    blocks: blocks.slice(0, LIMITS.blocksPerMessage),
  };
}

function actionButton(action: ReplyAction, index: number): ButtonElement {
  if (action.kind === 'undo') {
    return {
      type: 'button',
      action_id: UNDO_ACTION,
      text: plain(truncate(action.label, LIMITS.buttonText)),
      value: truncate(action.token, LIMITS.buttonValue),
    };
  }
  return {
    type: 'button',
    action_id: `${COMMAND_ACTION_PREFIX}${index}`,
    text: plain(truncate(action.label, LIMITS.buttonText)),
    value: truncate(action.command, LIMITS.buttonValue),
    ...(action.style ? { style: action.style } : {}),
  };
}

/** A monospaced table in code blocks, split so each block stays under the text limit. */
function tableBlocks(table: NonNullable<Reply['table']>): Block[] {
  const widths = table.columns.map((c, i) =>
    Math.min(40, Math.max(c.length, ...table.rows.map((r) => (r[i] ?? '').length))),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => truncate(cell, widths[i]!).padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const lines = table.rows.map((r) => escapeMrkdwn(line(r)));
  const header = escapeMrkdwn(line(table.columns));
  const blocks: Block[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length)
      blocks.push({ type: 'section', text: mrkdwn(`\`\`\`${[header, ...current].join('\n')}\`\`\``) });
    current = [];
  };
  for (const l of lines) {
    if ([header, ...current, l].join('\n').length + 6 > LIMITS.text) flush();
    current.push(l);
  }
  flush();
  return blocks.slice(0, 40);
}
