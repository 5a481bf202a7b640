// `calls`: the actor's call sheet for today from the priority engine; a manager without a sheet
// of their own gets the team view instead.
import { formatDay } from '../../domain/grammar/format.ts';
import { formatMoney } from '../../domain/money.ts';
import { UserError } from '../../shared/errors.ts';
import { buildCallSheets } from '../build-call-sheets.ts';
import type { AppDeps } from '../deps.ts';
import type { Reply } from '../reply.ts';
import type { ManagerSummary } from '../sheet-model.ts';
import type { CommandActor } from './actor.ts';
import { infoReply } from './replies.ts';
import { sheetReply } from './sheet-reply.ts';

export async function myCalls(deps: AppDeps, actor: CommandActor): Promise<Reply> {
  try {
    const set = await buildCallSheets(deps, { collectorCode: actor.code });
    const mine = set.sheets.find((s) => s.collector.id === actor.id);
    if (mine) return sheetReply(mine);
  } catch (err) {
    if (!(err instanceof UserError)) throw err; // not a sheet holder: fall through
  }
  if (actor.role !== 'manager') return infoReply(`No call sheet for you today, ${actor.name}.`);
  return teamReply((await buildCallSheets(deps)).summary);
}

function teamReply(s: ManagerSummary): Reply {
  return {
    tone: 'info',
    title: `The team's calls for ${formatDay(s.asOf)}: ${s.capacity.calls} of ${s.capacity.capacity} capacity, ${s.escalationsDue} escalations`,
    facts: [
      { label: 'Overdue', value: formatMoney(s.coverage.overdueCents) },
      { label: 'Covered by calls', value: formatMoney(s.coverage.coveredCents) },
      { label: 'Over capacity', value: String(s.capacity.overCapacityCustomers) },
      { label: 'Automated', value: String(s.automatedCustomers) },
    ],
    table: {
      columns: ['Collector', 'Calls', 'Overdue', 'Escalations'],
      rows: s.collectors.map((c) => [
        `${c.name} (${c.code})`,
        String(c.calls),
        formatMoney(c.overdueCents),
        String(c.escalations),
      ]),
    },
    ...(s.notes.length ? { lines: s.notes } : {}),
    private: true,
  };
}
