// `promises [mine|overdue|all]`: open promises to pay — mine (made by me or on my accounts),
// overdue (mine, past their date), or the whole team's.

import { todayIn } from '../../domain/calendar.ts';
import { formatDay } from '../../domain/grammar/format.ts';
import { centsFromDecimal } from '../../domain/money.ts';
import { amountsText, moneyText, sumAmounts } from '../../domain/money-text.ts';
import { openPromiseList } from '../../store/promises.ts';
import { readMoneyDisplay } from '../company-settings.ts';
import type { AppDeps } from '../deps.ts';
import type { Reply } from '../reply.ts';
import type { CommandActor } from './actor.ts';
import { errorReply, infoReply } from './replies.ts';

export const PROMISE_SCOPES = ['mine', 'overdue', 'all'] as const;
const LIMIT = 50;

export async function listPromises(deps: AppDeps, actor: CommandActor, text: string): Promise<Reply> {
  const word = text.trim().toLowerCase() || 'mine';
  const scope = PROMISE_SCOPES.find((s) => s === word || (word.length >= 2 && s.startsWith(word)));
  if (!scope)
    return errorReply(
      `'${text.trim()}' is not a list of promises; use \`promises mine\`, \`promises overdue\` or \`promises all\`.`,
    );
  const today = todayIn(actor.timeZone, deps.now());
  const rows = await openPromiseList(deps.store.sql, {
    scope,
    collectorId: actor.id,
    today,
    limit: LIMIT + 1,
  });
  const label = {
    mine: 'Your open promises',
    overdue: 'Your promises past their date',
    all: "The team's open promises",
  }[scope];
  if (!rows.length) return infoReply(`${label}: none.`);
  const shown = rows.slice(0, LIMIT);
  // Promises in different currencies are listed side by side, never added together.
  const display = await readMoneyDisplay(deps.store.sql);
  const total = sumAmounts([shown.map((r) => ({ currency: r.currency, cents: centsFromDecimal(r.amount) }))]);
  return {
    tone: 'info',
    title: `${label}: ${shown.length}${rows.length > LIMIT ? '+' : ''}, ${amountsText(total, display)}`,
    table: {
      columns: ['Customer', 'Amount', 'Due', 'Logged by'],
      rows: shown.map((r) => [
        `${r.name} (${r.code})`,
        moneyText(centsFromDecimal(r.amount), r.currency, display.locale) +
          (r.instalmentNo ? ` (instalment ${r.instalmentNo})` : ''),
        `${formatDay(r.dueOn)}${r.dueOn < today ? ' — overdue' : r.dueOn === today ? ' — today' : ''}`,
        r.by,
      ]),
    },
    private: true,
  };
}
