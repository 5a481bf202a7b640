// `calls`: the actor's calls for today. Until the priority engine's buildCallSheets is on main,
// this lists the actor's accounts by overdue balance, with callbacks and promises due today first.
import { todayIn } from '../../domain/calendar.ts';
import { centsFromDecimal, formatMoney } from '../../domain/money.ts';
import type { AppDeps } from '../deps.ts';
import type { Reply } from '../reply.ts';
import type { CommandActor } from './actor.ts';
import { infoReply } from './replies.ts';

export async function myCalls(deps: AppDeps, actor: CommandActor): Promise<Reply> {
  const today = todayIn(actor.timeZone, deps.now());
  const rows = await deps.store.sql.query<{
    code: string;
    name: string;
    overdue: string;
    why: string | null;
  }>(
    `WITH due AS (
       SELECT customer_id, 'callback due today' AS why FROM interactions i
        WHERE outcome = 'callback' AND on_date = $2::date
          AND NOT EXISTS (SELECT 1 FROM interactions u WHERE u.corrects_id = i.id)
       UNION ALL
       SELECT customer_id, 'promise due today' FROM promises WHERE status = 'open' AND due_on = $2::date)
     SELECT c.code, c.name, coalesce(sum(i.open_amount) FILTER (WHERE i.due_date < $2::date AND NOT i.disputed), 0)::text AS overdue,
            (SELECT min(why) FROM due WHERE due.customer_id = c.id) AS why
       FROM customers c JOIN invoices i ON i.customer_id = c.id AND i.status = 'open'
      WHERE c.collector_id = $1
      GROUP BY c.id
     HAVING sum(i.open_amount) FILTER (WHERE i.due_date < $2::date AND NOT i.disputed) > 0
         OR EXISTS (SELECT 1 FROM due WHERE due.customer_id = c.id)
      ORDER BY (SELECT min(why) FROM due WHERE due.customer_id = c.id) IS NULL,
               sum(i.open_amount) FILTER (WHERE i.due_date < $2::date AND NOT i.disputed) DESC NULLS LAST, c.code
      LIMIT (SELECT daily_capacity FROM collectors WHERE id = $1)`,
    [actor.id, today],
  );
  if (!rows.length) return infoReply(`No calls for you today, ${actor.name}.`);
  return {
    tone: 'info',
    title: `${actor.name}'s calls for ${today}: ${rows.length}`,
    table: {
      columns: ['#', 'Customer', 'Overdue', 'Why'],
      rows: rows.map((r, i) => [
        String(i + 1),
        `${r.name} (${r.code})`,
        formatMoney(centsFromDecimal(r.overdue)),
        r.why ?? 'overdue balance',
      ]),
    },
    private: true,
  };
}
