// `promises [mine|overdue|all]`: open promises to pay — mine (made by me or on my accounts),
// overdue (mine, past their date), or the whole team's.
import { todayIn } from '../../domain/calendar.ts';
import { formatDay } from '../../domain/grammar/format.ts';
import { centsFromDecimal, formatMoney } from '../../domain/money.ts';
import type { AppDeps } from '../deps.ts';
import type { Reply } from '../reply.ts';
import type { CommandActor } from './actor.ts';
import { errorReply, infoReply } from './replies.ts';

const SCOPES = ['mine', 'overdue', 'all'] as const;
const LIMIT = 50;

export async function listPromises(deps: AppDeps, actor: CommandActor, text: string): Promise<Reply> {
  const word = text.trim().toLowerCase() || 'mine';
  const scope = SCOPES.find((s) => s === word || (word.length >= 2 && s.startsWith(word)));
  if (!scope)
    return errorReply(
      `'${text.trim()}' is not a list of promises; use \`promises mine\`, \`promises overdue\` or \`promises all\`.`,
    );
  const today = todayIn(actor.timeZone, deps.now());
  const rows = await deps.store.sql.query<{
    code: string;
    name: string;
    amount: string;
    due_on: string;
    instalment_no: number | null;
    by: string;
    currency: string | null;
  }>(
    `SELECT c.code, c.name, p.amount::text AS amount, p.due_on::text AS due_on, p.instalment_no, p.actor AS by,
            (SELECT currency FROM invoices i WHERE i.customer_id = c.id ORDER BY issue_date DESC LIMIT 1)::text AS currency
       FROM promises p JOIN customers c ON c.id = p.customer_id
      WHERE p.status = 'open'
        AND ($1 = 'all' OR p.collector_id = $2 OR c.collector_id = $2)
        AND ($1 <> 'overdue' OR p.due_on < $3::date)
      ORDER BY p.due_on, c.code LIMIT ${LIMIT + 1}`,
    [scope, actor.id, today],
  );
  const label = {
    mine: 'Your open promises',
    overdue: 'Your promises past their date',
    all: "The team's open promises",
  }[scope];
  if (!rows.length) return infoReply(`${label}: none.`);
  const shown = rows.slice(0, LIMIT);
  const total = shown.reduce((sum, r) => sum + centsFromDecimal(r.amount), 0);
  return {
    tone: 'info',
    title: `${label}: ${shown.length}${rows.length > LIMIT ? '+' : ''}, ${formatMoney(total)}`,
    table: {
      columns: ['Customer', 'Amount', 'Due', 'Logged by'],
      rows: shown.map((r) => [
        `${r.name} (${r.code})`,
        formatMoney(centsFromDecimal(r.amount), r.currency?.trim() || 'USD') +
          (r.instalment_no ? ` (instalment ${r.instalment_no})` : ''),
        `${formatDay(r.due_on)}${r.due_on < today ? ' — overdue' : r.due_on === today ? ' — today' : ''}`,
        r.by,
      ]),
    },
    private: true,
  };
}
