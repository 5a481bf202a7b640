// A collector's morning call sheet as Adaptive Cards: a header with the day's load, then one
// block per account with why it is on the list, whom to call, and buttons that open the
// logging form or record "no answer" in one click. Split into several cards when one would be
// over Teams' size limit.

import type { CallSheet, SheetRow } from '../../app/sheet-model.ts';
import { dayIn, rowOverdueText, rowPromiseMoney, sheetOverdueText } from '../../app/sheet-money.ts';
import { DEFAULT_DISPLAY, type MoneyDisplay } from '../../domain/money-text.ts';
import { trendLine } from '../../domain/sparkline.ts';
import {
  type AdaptiveCard,
  CARD_BYTE_LIMIT,
  type CardElement,
  card,
  cardBytes,
  container,
  esc,
  factSet,
  longDate,
  plainText,
  submit,
  textBlock,
} from './adaptive-card.ts';

/** Verbs of the row buttons: open the form, or log straight away. */
export const SHEET_VERBS = { open: 'cs.row', log: 'cs.log' } as const;

/** What a row button carries, so the form opens prefilled without a database round trip. */
export interface RowActionData {
  verb: typeof SHEET_VERBS.open;
  customer: string;
  name: string;
  /** Overdue cents in `currency`: what the promise amount is prefilled with. */
  overdueCents: number;
  invoices: string[];
  /** The currency of a promise logged on the account (the base when it holds several). */
  currency: string;
  /** The overdue money as the row shows it (per currency, with the base total when mixed). */
  overdue: string;
}

function contactLine(row: SheetRow): string | null {
  const c = row.contact;
  if (!c) return null;
  const how = c.preferredChannel === 'email' ? c.email : c.phone;
  return `Call ${c.name} (${c.role})${how ? ` · ${c.preferredChannel} ${how}` : ''}`;
}

function rowBlock(row: SheetRow, display: MoneyDisplay = DEFAULT_DISPLAY): CardElement {
  const due = row.oldestDaysPastDue > 0 ? `${row.oldestDaysPastDue} days past due` : 'not yet due';
  const step = `${row.action.escalated ? '⚠ ' : ''}${row.action.label}`;
  const contact = contactLine(row);
  const trend = trendLine(row.trend);
  const promise = rowPromiseMoney(row, display);
  const data: RowActionData = {
    verb: SHEET_VERBS.open,
    customer: row.customer.code,
    name: row.customer.name,
    overdueCents: promise.cents,
    invoices: row.invoiceNumbers.slice(0, 10),
    currency: promise.currency,
    overdue: rowOverdueText(row, display),
  };
  return container(
    [
      {
        type: 'ColumnSet',
        columns: [
          {
            type: 'Column',
            width: 'stretch',
            items: [
              textBlock(
                `**${row.rank}. ${esc(row.customer.name)}** (${esc(row.customer.code)})${row.pinned ? ' 📌' : ''}${row.lentFrom ? ` (${esc(row.lentFrom)}'s account)` : ''}`,
              ),
              plainText(step, { spacing: 'None', color: row.action.escalated ? 'Attention' : 'Accent' }),
            ],
          },
          {
            type: 'Column',
            width: 'auto',
            items: [
              plainText(rowOverdueText(row, display), { weight: 'Bolder' }),
              plainText(due, { spacing: 'None', isSubtle: true }),
            ],
          },
        ],
      },
      ...row.reasons.slice(0, 3).map((r) => plainText(`• ${r}`, { spacing: 'None', size: 'Small' })),
      ...(contact ? [plainText(contact, { spacing: 'None', size: 'Small', isSubtle: true })] : []),
      ...(trend
        ? [plainText(`Days-to-pay trend ${trend}`, { spacing: 'None', size: 'Small', isSubtle: true })]
        : []),
      {
        type: 'ActionSet',
        actions: [
          submit('Log outcome…', { ...data }),
          submit('No answer', { verb: SHEET_VERBS.log, customer: row.customer.code, outcome: 'no_answer' }),
        ],
      },
    ],
    { separator: true, spacing: 'Medium' },
  );
}

function header(sheet: CallSheet, part: number, parts: number): CardElement[] {
  const s = sheet.summary;
  const title = `Call sheet · ${sheet.collector.name} · ${dayIn(sheet.asOf, sheet.display, longDate)}${parts > 1 ? ` (${part}/${parts})` : ''}`;
  if (part > 1) return [plainText(title, { weight: 'Bolder' })];
  return [
    plainText(title, { weight: 'Bolder', size: 'Medium' }),
    factSet([
      { label: 'Calls', value: `${s.calls} of ${sheet.collector.dailyCapacity} capacity` },
      { label: 'Overdue on this sheet', value: sheetOverdueText(sheet) },
      { label: 'Escalations', value: String(s.escalations) },
      { label: 'Promises due today', value: String(s.promisesDueToday) },
    ]),
    ...sheet.refused.map((line) => plainText(`⚠ ${line}`, { color: 'Attention', size: 'Small' })),
  ];
}

function fallback(sheet: CallSheet): string {
  return `Call sheet for ${sheet.collector.name}: ${sheet.summary.calls} calls, ${sheetOverdueText(sheet, 'short')} overdue`;
}

/** One or more cards holding every row, each under the size limit, numbered when split. */
export function sheetCards(sheet: CallSheet): AdaptiveCard[] {
  if (!sheet.rows.length) {
    return [
      card(
        [
          ...header(sheet, 1, 1),
          plainText('Nothing to call today: no account on your list needs a call.', { isSubtle: true }),
        ],
        [],
        fallback(sheet),
      ),
    ];
  }
  // Greedy packing: rows in rank order until the next would cross the limit.
  const pages: CardElement[][] = [[]];
  const overhead = cardBytes(card(header(sheet, 1, 1), [], fallback(sheet))) + 200;
  let size = overhead;
  for (const row of sheet.rows) {
    const block = rowBlock(row, sheet.display);
    const bytes = cardBytes(block) + 1;
    const page = pages[pages.length - 1]!;
    if (page.length && size + bytes > CARD_BYTE_LIMIT) {
      pages.push([block]);
      size = overhead + bytes;
    } else {
      page.push(block);
      size += bytes;
    }
  }
  return pages.map((blocks, i) =>
    card([...header(sheet, i + 1, pages.length), ...blocks], [], fallback(sheet)),
  );
}
