// The publisher of last resort: when neither Slack nor Teams is configured, digests and alerts are
// printed (to the log stream of `callsheet serve`, or the terminal of `callsheet digest`).
import type { ChatPublisher, PostResult } from '../../app/publisher.ts';
import type { CallSheet, ManagerSummary } from '../../app/sheet-model.ts';
import { formatMoney } from '../../domain/money.ts';
import { alertText } from '../../views/console/alert-text.ts';

const clean = (text: string) => text.replace(/\p{Cc}/gu, '');

export function sheetText(sheet: CallSheet): string {
  const head = `Call sheet for ${clean(sheet.collector.name)} (${sheet.collector.code}), ${sheet.asOf}: ${sheet.summary.calls} calls, ${formatMoney(sheet.summary.overdueCents)} overdue, ${sheet.summary.escalations} escalations`;
  const rows = sheet.rows.map(
    (r) =>
      `${String(r.rank).padStart(3)}. ${clean(r.customer.name)} (${r.customer.code}) ${formatMoney(r.overdueCents)} overdue — ${clean(r.action.label)}${r.reasons[0] ? `; ${clean(r.reasons[0])}` : ''}`,
  );
  return [head, ...rows].join('\n');
}

export function summaryText(summary: ManagerSummary): string {
  const lines = [
    `Team summary ${summary.asOf}: ${summary.capacity.calls} calls for a capacity of ${summary.capacity.capacity}; ` +
      `${summary.escalationsDue} escalations due; top list covers ${formatMoney(summary.coverage.coveredCents)} of ${formatMoney(summary.coverage.overdueCents)} overdue`,
    ...summary.collectors.map(
      (c) =>
        `  ${clean(c.name)} (${c.code}): ${c.calls} calls, ${formatMoney(c.overdueCents)} overdue, ${c.escalations} escalations`,
    ),
    ...summary.notes.map((n) => `  ${clean(n)}`),
  ];
  return lines.join('\n');
}

export function createConsolePublisher(write: (text: string) => void): ChatPublisher {
  const post = async (text: string, target: string): Promise<PostResult> => {
    write(`${text}\n`);
    return { delivered: true, target };
  };
  return {
    platform: 'console',
    postSheet: (sheet) => post(sheetText(sheet), `console:${sheet.collector.code}`),
    postSummary: (summary) => post(summaryText(summary), 'console:team'),
    postAlert: (alert) => post(alertText(alert), 'console:alerts'),
  };
}
