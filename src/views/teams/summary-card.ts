// The manager's team view as an Adaptive Card: coverage of overdue receivables, load against
// capacity, each collector's sheet, and what is over capacity or due for escalation.
import type { ManagerSummary } from '../../app/sheet-model.ts';
import { baseText, collectorOverdueText, dayIn } from '../../app/sheet-money.ts';
import { agencyLine, coverageText } from '../summary-lines.ts';
import { type AdaptiveCard, card, factSet, longDate, plainText, table } from './adaptive-card.ts';

export function summaryCard(summary: ManagerSummary): AdaptiveCard {
  const { capacity } = summary;
  const agency = agencyLine(summary);
  const header = ['Collector', 'Calls', 'Overdue', 'Escalations'];
  const body = [
    plainText(`Team view · ${dayIn(summary.asOf, summary.display, longDate)}`, {
      weight: 'Bolder',
      size: 'Medium',
    }),
    factSet([
      { label: 'Coverage', value: coverageText(summary) },
      { label: 'Calls today', value: `${capacity.calls} of ${capacity.capacity} capacity` },
      { label: 'Over capacity', value: `${capacity.overCapacityCustomers} customers` },
      { label: 'Escalations due', value: String(summary.escalationsDue) },
      { label: 'Automated contact', value: `${summary.automatedCustomers} customers` },
      ...(agency ? [{ label: 'Agency queue', value: agency.replace(/^agency queue: /, '') }] : []),
    ]),
    ...(summary.agency.largest.length
      ? [
          table(
            ['Agency queue', 'At agency step', 'Days past due', 'Step'],
            summary.agency.largest.map((a) => [
              `${a.customer.code} ${a.customer.name}`,
              baseText(a.agencyCents, summary.display),
              String(a.oldestDaysPastDue),
              a.label,
            ]),
            [3, 2, 1, 2],
          ),
        ]
      : []),
    table(
      header,
      summary.collectors.map((c) => [
        `${c.name} (${c.code})`,
        String(c.calls),
        collectorOverdueText(c, summary.display),
        String(c.escalations),
      ]),
      [3, 1, 2, 2],
    ),
    ...summary.notes.map((n) => plainText(n, { size: 'Small' })),
  ];
  return card(body, [], `Team view for ${summary.asOf}`);
}
