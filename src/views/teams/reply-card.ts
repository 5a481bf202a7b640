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
  factSet,
  plainText,
  submit,
  table,
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

export function replyCard(reply: Reply): AdaptiveCard {
  const head = container([plainText(reply.title, { weight: 'Bolder' })], {
    style: TONE_STYLE[reply.tone],
    bleed: true,
  });
  const body: CardElement[] = [head];
  for (const line of reply.lines ?? []) body.push(plainText(line, { spacing: 'Small' }));
  if (reply.facts?.length) body.push(factSet(reply.facts));
  const actions = (reply.actions ?? []).map(replyAction);
  if (!reply.table) return card(body, actions, reply.title);

  // A long table is cut to fit one message, saying how many rows were left out.
  const { columns, rows } = reply.table;
  let shown = rows.length;
  let result = card([...body, table(columns, rows)], actions, reply.title);
  while (cardBytes(result) > CARD_BYTE_LIMIT && shown > 1) {
    shown = Math.max(1, Math.floor(shown * 0.8));
    const more = plainText(`…and ${rows.length - shown} more not shown here.`, { isSubtle: true });
    result = card([...body, table(columns, rows.slice(0, shown)), more], actions, reply.title);
  }
  return result;
}
