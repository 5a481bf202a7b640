// `calls`: the actor's call sheet for today from the priority engine; a manager without a sheet
// of their own gets the team view instead.
import { formatDay } from '../../domain/grammar/format.ts';
import { buildCallSheets } from '../build-call-sheets.ts';
import { collectorSheet } from '../collector-sheet.ts';
import type { AppDeps } from '../deps.ts';
import { kpiNotes } from '../kpi-notes.ts';
import type { Reply } from '../reply.ts';
import type { ManagerSummary } from '../sheet-model.ts';
import { baseText, collectorOverdueText } from '../sheet-money.ts';
import type { CommandActor } from './actor.ts';
import { infoReply } from './replies.ts';
import { sheetReply } from './sheet-reply.ts';

export async function myCalls(deps: AppDeps, actor: CommandActor): Promise<Reply> {
  const mine = await collectorSheet(deps, actor.code);
  if (mine) return { ...sheetReply(mine), sheet: mine };
  if (actor.role !== 'manager') return infoReply(`No call sheet for you today, ${actor.name}.`);
  const team = await buildCallSheets(deps);
  team.summary.notes.push(...(await kpiNotes(deps, team.asOf)));
  return teamReply(team.summary);
}

function teamReply(s: ManagerSummary): Reply {
  return {
    tone: 'info',
    title: `The team's calls for ${formatDay(s.asOf)}: ${s.capacity.calls} of ${s.capacity.capacity} capacity, ${s.escalationsDue} escalations`,
    facts: [
      { label: 'Overdue', value: baseText(s.coverage.overdueCents, s.display) },
      { label: 'Covered by calls', value: baseText(s.coverage.coveredCents, s.display) },
      { label: 'Over capacity', value: String(s.capacity.overCapacityCustomers) },
      { label: 'Automated', value: String(s.automatedCustomers) },
    ],
    table: {
      columns: ['Collector', 'Calls', 'Overdue', 'Escalations'],
      rows: s.collectors.map((c) => [
        `${c.name} (${c.code})`,
        String(c.calls),
        collectorOverdueText(c, s.display),
        String(c.escalations),
      ]),
    },
    ...(s.notes.length ? { lines: s.notes } : {}),
    private: true,
  };
}
