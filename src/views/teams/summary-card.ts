// The manager's team view as an Adaptive Card: coverage of overdue receivables, load against
// capacity, each collector's sheet, and what is over capacity or due for escalation.
import type { ManagerSummary } from '../../app/sheet-model.ts';
import { formatMoney } from '../../domain/money.ts';
import { type AdaptiveCard, card, factSet, longDate, plainText, table } from './adaptive-card.ts';

function pct(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 100)}%` : '—';
}

export function summaryCard(summary: ManagerSummary): AdaptiveCard {
  const { coverage, capacity } = summary;
  const header = ['Collector', 'Calls', 'Overdue', 'Escalations'];
  const body = [
    plainText(`Team view · ${longDate(summary.asOf)}`, { weight: 'Bolder', size: 'Medium' }),
    factSet([
      {
        label: 'Top-list coverage',
        value: `${formatMoney(coverage.coveredCents)} of ${formatMoney(coverage.overdueCents)} overdue (${pct(coverage.coveredCents, coverage.overdueCents)}; target ${coverage.targetPct}%) across ${coverage.topListCustomers} customers`,
      },
      { label: 'Calls today', value: `${capacity.calls} of ${capacity.capacity} capacity` },
      { label: 'Over capacity', value: `${capacity.overCapacityCustomers} customers` },
      { label: 'Escalations due', value: String(summary.escalationsDue) },
      { label: 'Automated contact', value: `${summary.automatedCustomers} customers` },
    ]),
    table(
      header,
      summary.collectors.map((c) => [
        `${c.name} (${c.code})`,
        String(c.calls),
        formatMoney(c.overdueCents),
        String(c.escalations),
      ]),
      [3, 1, 2, 2],
    ),
    ...summary.notes.map((n) => plainText(n, { size: 'Small' })),
  ];
  return card(body, [], `Team view for ${summary.asOf}`);
}
