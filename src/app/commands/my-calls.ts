// `calls`: the actor's call sheet for today. Until the priority engine's buildCallSheets is on
// main, a stand-in sheet lists the actor's accounts with callbacks and promises due today first,
// then by overdue balance, up to the daily capacity.
import { todayIn } from '../../domain/calendar.ts';
import { centsFromDecimal } from '../../domain/money.ts';
import type { AppDeps } from '../deps.ts';
import type { Reply } from '../reply.ts';
import type { CallSheet } from '../sheet-model.ts';
import type { CommandActor } from './actor.ts';
import { sheetReply } from './sheet-reply.ts';

export async function myCalls(deps: AppDeps, actor: CommandActor): Promise<Reply> {
  return sheetReply(await standInSheet(deps, actor));
}

async function standInSheet(deps: AppDeps, actor: CommandActor): Promise<CallSheet> {
  const today = todayIn(actor.timeZone, deps.now());
  const [me] = await deps.store.sql.query<{ daily_capacity: number }>(
    'SELECT daily_capacity FROM collectors WHERE id = $1',
    [actor.id],
  );
  const rows = await deps.store.sql.query<{
    id: number;
    code: string;
    name: string;
    overdue: string;
    open: string;
    why: string | null;
  }>(
    `WITH due AS (
       SELECT customer_id, 'Callback due today' AS why FROM interactions i
        WHERE outcome = 'callback' AND on_date = $2::date
          AND NOT EXISTS (SELECT 1 FROM interactions u WHERE u.corrects_id = i.id)
       UNION ALL
       SELECT customer_id, 'Promise due today' FROM promises WHERE status = 'open' AND due_on = $2::date)
     SELECT c.id, c.code, c.name,
            coalesce(sum(i.open_amount) FILTER (WHERE i.due_date < $2::date AND NOT i.disputed), 0)::text AS overdue,
            coalesce(sum(i.open_amount), 0)::text AS open,
            (SELECT min(why) FROM due WHERE due.customer_id = c.id) AS why
       FROM customers c LEFT JOIN invoices i ON i.customer_id = c.id AND i.status = 'open'
      WHERE c.collector_id = $1
      GROUP BY c.id
     HAVING coalesce(sum(i.open_amount) FILTER (WHERE i.due_date < $2::date AND NOT i.disputed), 0) > 0
         OR EXISTS (SELECT 1 FROM due WHERE due.customer_id = c.id)
      ORDER BY (SELECT min(why) FROM due WHERE due.customer_id = c.id) IS NULL,
               coalesce(sum(i.open_amount) FILTER (WHERE i.due_date < $2::date AND NOT i.disputed), 0) DESC, c.code
      LIMIT $3`,
    [actor.id, today, me?.daily_capacity ?? 25],
  );
  const sheetRows = rows.map((r, i) => ({
    rank: i + 1,
    customer: { id: r.id, code: r.code, name: r.name },
    score: 0,
    overdueCents: centsFromDecimal(r.overdue),
    openCents: centsFromDecimal(r.open),
    oldestDaysPastDue: 0,
    invoiceNumbers: [],
    action: {
      step: 'call',
      label: r.why ? 'Call back' : 'Call about the overdue balance',
      channel: 'call' as const,
      escalated: false,
    },
    contact: null,
    reasons: [r.why ?? 'Overdue balance'],
    trend: [],
    pinned: false,
  }));
  return {
    asOf: today,
    collector: {
      id: actor.id,
      code: actor.code,
      name: actor.name,
      timeZone: actor.timeZone,
      dailyCapacity: me?.daily_capacity ?? 25,
    },
    rows: sheetRows,
    summary: {
      calls: sheetRows.length,
      overdueCents: sheetRows.reduce((s, r) => s + r.overdueCents, 0),
      escalations: 0,
      promisesDueToday: rows.filter((r) => r.why === 'Promise due today').length,
    },
  };
}
