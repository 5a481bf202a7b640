// Call sheets as console text, the same view models Slack and Teams render: one block per row with
// rank, customer, overdue, age and action, then whom to call and how, the top reasons and a
// sparkline of the last months' days-to-pay. Names and notes are data: control characters are
// stripped so nothing in the store can move the cursor or recolour the terminal.
import type { AgencyRow, AutomatedRow, CallSheet, ManagerSummary, SheetRow } from '../../app/sheet-model.ts';
import { baseText, dayIn, rowOverdueText, sheetOverdueText } from '../../app/sheet-money.ts';
import { DEFAULT_DISPLAY, type MoneyDisplay } from '../../domain/money-text.ts';
import { plural, shortDate } from '../../domain/policy/words.ts';
import { trendLine } from '../../domain/sparkline.ts';
import { agencyLine, coverageText } from '../summary-lines.ts';

// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
export const clean = (text: string): string => text.replace(CONTROL, ' ');

const padTo = (text: string, width: number) =>
  text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);

function contactLine(row: SheetRow): string {
  const c = row.contact;
  if (!c) return 'no contact on file';
  const how =
    c.preferredChannel === 'email'
      ? (c.email ?? c.phone)
      : c.preferredChannel === 'sms'
        ? `SMS ${c.phone}`
        : c.phone;
  return `${clean(c.name)} (${c.role.toUpperCase()}) ${clean(how ?? 'no number')}, prefers ${c.preferredChannel}`;
}

/** 'May 28 2027' in en-US (as it always read), the locale's medium date otherwise. */
const dayText = (day: string, display: MoneyDisplay) =>
  dayIn(day, display, (d) => `${shortDate(d)} ${d.slice(0, 4)}`);

export function sheetRowText(row: SheetRow, display: MoneyDisplay = DEFAULT_DISPLAY): string {
  const name = `${row.customer.code} ${clean(row.customer.name)}`;
  const head = `${String(row.rank).padStart(3)}  ${padTo(name, 40)} ${rowOverdueText(row, display, 'short').padStart(7)} ${`${row.oldestDaysPastDue}d`.padStart(5)}  ${clean(row.action.label)}${row.pinned ? ' [pinned]' : ''}${row.lentFrom ? ` [${row.lentFrom}'s account]` : ''}`;
  const trend =
    row.trend.length > 1 ? `   days-to-pay ${trendLine(row.trend)} ${row.trend[row.trend.length - 1]}d` : '';
  const lines = [head, `       ${contactLine(row)}${trend}`];
  for (const reason of row.reasons) lines.push(`       · ${clean(reason)}`);
  return lines.join('\n');
}

export function sheetHeader(sheet: CallSheet): string {
  const s = sheet.summary;
  return (
    `${clean(sheet.collector.name)} (${sheet.collector.code}) — calls for ${dayText(sheet.asOf, sheet.display)}: ` +
    `${plural(s.calls, 'call')} of ${sheet.collector.dailyCapacity}, ${sheetOverdueText(sheet, 'whole')} overdue, ` +
    `${plural(s.escalations, 'escalation')}, ${plural(s.promisesDueToday, 'promise')} due today`
  );
}

export function sheetText(sheet: CallSheet, limit?: number): string {
  const rows = limit === undefined ? sheet.rows : sheet.rows.slice(0, limit);
  const refused = sheet.refused.map((line) => `  ! ${clean(line)}\n`).join('');
  if (!rows.length) return `${sheetHeader(sheet)}\n${refused}  Nothing to call today.\n`;
  const columns = `  #  ${'customer'.padEnd(40)} ${'overdue'.padStart(7)} ${'age'.padStart(5)}  action`;
  const more = rows.length < sheet.rows.length ? `\n  … ${sheet.rows.length - rows.length} more` : '';
  const lines = rows.map((r) => sheetRowText(r, sheet.display)).join('\n');
  return `${sheetHeader(sheet)}\n${refused}${columns}\n${lines}${more}\n`;
}

/** One line per collector, for the team view and the demo's short form. */
export function sheetOneLine(sheet: CallSheet): string {
  const top = sheet.rows[0];
  const first = top
    ? `; first: ${top.customer.code} (${rowOverdueText(top, sheet.display, 'whole')}, ${clean(top.action.label)})`
    : '';
  return `${sheet.collector.code.padEnd(10)} ${plural(sheet.summary.calls, 'call')}, ${sheetOverdueText(sheet, 'whole')} overdue, ${plural(sheet.summary.escalations, 'escalation')}${first}`;
}

export function teamText(summary: ManagerSummary, sheets: CallSheet[]): string {
  const lines = [
    `Team for ${dayText(summary.asOf, summary.display)}: ${plural(summary.capacity.calls, 'call')} of ${summary.capacity.capacity} capacity; ` +
      coverageText(summary),
    `  ${'collector'.padEnd(10)} ${'calls'.padStart(5)} ${'capacity'.padStart(8)} ${'overdue'.padStart(12)} ${'escalations'.padStart(11)} ${'promises due'.padStart(12)}`,
  ];
  for (const s of sheets) {
    lines.push(
      `  ${s.collector.code.padEnd(10)} ${String(s.summary.calls).padStart(5)} ${String(s.collector.dailyCapacity).padStart(8)} ${sheetOverdueText(s, 'whole').padStart(12)} ${String(s.summary.escalations).padStart(11)} ${String(s.summary.promisesDueToday).padStart(12)}`,
    );
  }
  lines.push(
    `  over capacity: ${summary.capacity.overCapacityCustomers}; escalations due: ${summary.escalationsDue}; automated tier: ${plural(summary.automatedCustomers, 'customer')}`,
  );
  const agency = agencyLine(summary);
  if (agency) lines.push(`  ${agency}`);
  for (const note of summary.notes) lines.push(`  ${clean(note)}`);
  return `${lines.join('\n')}\n`;
}

/** The agency queue for managers: money at the agency step, largest first. */
export function agencyText(
  rows: AgencyRow[],
  limit?: number,
  display: MoneyDisplay = DEFAULT_DISPLAY,
): string {
  const shown = limit === undefined ? rows : rows.slice(0, limit);
  const lines = shown.map(
    (r) =>
      `  ${padTo(`${r.customer.code} ${clean(r.customer.name)}`, 40)} ${baseText(r.agencyCents, display, 'short').padStart(7)} ${`${r.oldestDaysPastDue}d`.padStart(5)}  ${r.label} (${plural(r.invoices, 'invoice')})${r.onSheet ? '; newer money on a sheet' : ''}`,
  );
  const more = shown.length < rows.length ? [`  … ${rows.length - shown.length} more`] : [];
  const total = rows.reduce((s, r) => s + r.agencyCents, 0);
  return `Agency queue: ${plural(rows.length, 'account')}, ${baseText(total, display, 'whole')}\n${[...lines, ...more].join('\n')}\n`;
}

/** Plain-text list of the automated tier (the CSV is for mail merge; this is for reading). */
export function automatedText(
  rows: AutomatedRow[],
  limit?: number,
  display: MoneyDisplay = DEFAULT_DISPLAY,
): string {
  const shown = limit === undefined ? rows : rows.slice(0, limit);
  const lines = shown.map(
    (r) =>
      `  ${padTo(`${r.customer.code} ${clean(r.customer.name)}`, 40)} ${baseText(r.overdueCents, display, 'short').padStart(7)} ${`${r.oldestDaysPastDue}d`.padStart(5)}  ${clean(r.action.label)}${r.overCapacity ? ' [over capacity]' : ''}`,
  );
  const more = shown.length < rows.length ? [`  … ${rows.length - shown.length} more`] : [];
  return `Automated tier: ${plural(rows.length, 'customer')}\n${[...lines, ...more].join('\n')}\n`;
}
