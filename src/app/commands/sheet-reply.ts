// A collector's call sheet (from the priority engine) as a command reply: one row per call, with
// what to do and the top reason, and one-tap log actions for the first rows.
import { customerRefFor, formatDay } from '../../domain/grammar/format.ts';

import type { Reply, ReplyAction } from '../reply.ts';
import type { CallSheet } from '../sheet-model.ts';
import { rowOverdueText, sheetOverdueText } from '../sheet-money.ts';

export function sheetReply(sheet: CallSheet): Reply {
  const s = sheet.summary;
  if (!sheet.rows.length)
    return {
      tone: 'info',
      title: `No calls for you on ${formatDay(sheet.asOf)}, ${sheet.collector.name}.`,
      private: true,
    };
  const actions: ReplyAction[] = sheet.rows.slice(0, 3).map((r) => ({
    kind: 'command',
    label: `No answer: ${r.customer.code}`,
    command: `logcall ${customerRefFor(r.customer)} no answer`,
  }));
  return {
    tone: 'info',
    title: `${sheet.collector.name}'s calls for ${formatDay(sheet.asOf)}: ${s.calls}, ${sheetOverdueText(sheet)} overdue`,
    facts: [
      { label: 'Escalations', value: String(s.escalations) },
      { label: 'Promises due today', value: String(s.promisesDueToday) },
    ],
    table: {
      columns: ['#', 'Customer', 'Overdue', 'Do', 'Why', 'Call'],
      rows: sheet.rows.map((r) => [
        String(r.rank),
        `${r.customer.name} (${r.customer.code})`,
        rowOverdueText(r, sheet.display),
        `${r.action.label}${r.action.escalated ? ' (escalated)' : ''}`,
        r.reasons[0] ?? '',
        r.contact ? `${r.contact.name}${r.contact.phone ? ` ${r.contact.phone}` : ''}` : '',
      ]),
    },
    lines: ['Log each call with `logcall <customer> <outcome>`; `account <customer>` for the details.'],
    actions,
    private: true,
  };
}
