// ManagerSummary → the team view posted to the team channel: coverage of the top list, capacity,
// escalations due, and one field per collector.
import type { ManagerSummary } from '../../app/sheet-model.ts';
import { baseText, collectorOverdueText, dayIn } from '../../app/sheet-money.ts';
import { agencyLine, coverageText } from '../summary-lines.ts';
import { type Block, chunk, LIMITS, type SlackMessage } from './message.ts';
import { escapeMrkdwn, mrkdwn, plain, truncate } from './mrkdwn.ts';
import { formatDay } from './sheet-blocks.ts';

export function summaryMessage(summary: ManagerSummary): SlackMessage {
  const title = `Team summary — ${dayIn(summary.asOf, summary.display, formatDay)}`;
  const { capacity } = summary;
  const over = capacity.overCapacityCustomers;
  const agency = agencyLine(summary);
  const lines = [
    `*Coverage:* ${escapeMrkdwn(coverageText(summary))}`,
    `*Capacity:* ${capacity.calls} calls for ${capacity.capacity} slots${over ? ` · :warning: ${over} customers over capacity` : ''}`,
    `*Escalations due:* ${summary.escalationsDue} · *Automated contact:* ${summary.automatedCustomers} customers`,
    ...(agency
      ? [
          `*Agency queue:* ${escapeMrkdwn(agency.replace(/^agency queue: /, ''))}`,
          ...summary.agency.largest.map(
            (a) =>
              `  • ${escapeMrkdwn(truncate(`${a.customer.code} ${a.customer.name}`, 80))}: ${escapeMrkdwn(baseText(a.agencyCents, summary.display))}, ${a.oldestDaysPastDue} days past due — ${escapeMrkdwn(a.label)}`,
          ),
        ]
      : []),
  ];
  const blocks: Block[] = [
    { type: 'header', text: plain(title, LIMITS.header) },
    { type: 'section', text: mrkdwn(lines.join('\n')) },
  ];
  const fields = summary.collectors.map((c) =>
    mrkdwn(
      `*${escapeMrkdwn(truncate(c.name, 100))}*\n${c.calls} calls · ${escapeMrkdwn(collectorOverdueText(c, summary.display))} · ${c.escalations} escalations`,
      LIMITS.field,
    ),
  );
  // Leave room for the notes context at the end.
  for (const group of chunk(fields, LIMITS.fieldsPerSection).slice(0, LIMITS.blocksPerMessage - 4)) {
    blocks.push({ type: 'section', fields: group });
  }
  if (summary.notes.length) {
    blocks.push({ type: 'context', elements: [mrkdwn(summary.notes.map(escapeMrkdwn).join('\n'))] });
  }
  return {
    text: `${title}: ${summary.collectors.length} collectors, ${capacity.calls} calls, ${summary.escalationsDue} escalations due`,
    blocks,
  };
}
