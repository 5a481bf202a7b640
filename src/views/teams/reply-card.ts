// A command's Reply as an Adaptive Card: what happened in words, facts, an optional table, and
// buttons (choices re-run a command; Undo reverses what was just recorded).
import type { Reply, ReplyAction, ReplyTone } from '../../app/reply.ts';
import {
  type AdaptiveCard,
  CARD_BYTE_LIMIT,
  type CardElement,
  card,
  cardBytes,
  container,
  esc,
  factSet,
  plainText,
  submit,
  table,
  textBlock,
} from './adaptive-card.ts';

/** Verbs of the Action.Submit buttons a reply carries. */
export const REPLY_VERBS = { command: 'cs.cmd', undo: 'cs.undo' } as const;

const TONE_STYLE: Record<ReplyTone, string> = {
  ok: 'good',
  info: 'emphasis',
  warning: 'warning',
  error: 'attention',
};

function replyAction(action: ReplyAction): CardElement {
  if (action.kind === 'undo') {
    return submit(action.label, { verb: REPLY_VERBS.undo, token: action.token }, 'destructive');
  }
  const style =
    action.style === 'danger' ? 'destructive' : action.style === 'primary' ? 'positive' : undefined;
  return submit(action.label, { verb: REPLY_VERBS.command, command: action.command }, style);
}

/**
 * Reply text marks what to type as `code`, which Adaptive Cards do not render (the backticks would
 * show): here it becomes bold, everything else literal.
 */
export function commandText(text: string): string {
  return text
    .split(/`([^`\n]+)`/)
    .map((part, i) => (i % 2 ? `**${esc(part)}**` : esc(part)))
    .join('');
}

export function replyCard(reply: Reply): AdaptiveCard {
  const title = reply.title.replace(/`/g, '');
  const head = container([plainText(title, { weight: 'Bolder' })], {
    style: TONE_STYLE[reply.tone],
    bleed: true,
  });
  const body: CardElement[] = [head];
  for (const line of reply.lines ?? []) body.push(textBlock(commandText(line), { spacing: 'Small' }));
  const unmarked = (text: string) => text.replace(/`/g, '');
  if (reply.facts?.length)
    body.push(factSet(reply.facts.map((f) => ({ label: f.label, value: unmarked(f.value) }))));
  const actions = (reply.actions ?? []).map(replyAction);
  if (!reply.table) return card(body, actions, title);

  // A long table is cut to fit one message, saying how many rows were left out.
  const columns = reply.table.columns;
  const rows = reply.table.rows.map((row) => row.map(unmarked));
  let shown = rows.length;
  let result = card([...body, table(columns, rows)], actions, title);
  while (cardBytes(result) > CARD_BYTE_LIMIT && shown > 1) {
    shown = Math.max(1, Math.floor(shown * 0.8));
    const more = plainText(`…and ${rows.length - shown} more not shown here.`, { isSubtle: true });
    result = card([...body, table(columns, rows.slice(0, shown)), more], actions, title);
  }
  return result;
}
