// CallSheet → the morning digest in Block Kit: a header, a one-line summary, then per row a section
// (customer, overdue, age, action, whom to call and how, top reasons, sparkline) and the row's
// buttons. Long sheets are split across messages before Slack's 50-block limit.
import type { CallSheet, SheetRow } from '../../app/sheet-model.ts';
import { dayIn, rowOverdueText, rowPromiseMoney, sheetOverdueText } from '../../app/sheet-money.ts';
import { DEFAULT_DISPLAY, type MoneyDisplay } from '../../domain/money-text.ts';
import { trendLine } from '../../domain/sparkline.ts';
import { type Block, LIMITS, type SlackMessage } from './message.ts';
import { escapeMrkdwn, mrkdwn, plain, truncate } from './mrkdwn.ts';

/** action_ids of the row buttons; their value is a RowRef as JSON. */
export const ROW_ACTIONS = {
  promised: 'row_promised',
  dispute: 'row_dispute',
  noAnswer: 'row_no_answer',
  note: 'row_note',
} as const;

/** What a row button carries back, enough to prefill a modal without another query. */
export interface RowRef {
  /** customer code */
  c: string;
  /** customer name */
  n: string;
  /** overdue cents, in `u` (what the promise amount is prefilled with) */
  o: number;
  /** the currency of `o` and of a promise logged on the account (the base when it holds several) */
  u: string;
  /** the overdue money as the row shows it (per currency, with the base total when mixed) */
  t: string;
  /** open invoice numbers, oldest first (a few) */
  i: string[];
  /** the sheet's day */
  d: string;
}

export function rowRef(row: SheetRow, asOf: string, display: MoneyDisplay = DEFAULT_DISPLAY): RowRef {
  const promise = rowPromiseMoney(row, display);
  return {
    c: row.customer.code,
    n: truncate(row.customer.name, 120),
    o: promise.cents,
    u: promise.currency,
    t: truncate(rowOverdueText(row, display), 200),
    i: row.invoiceNumbers.slice(0, 10).map((n) => truncate(n, 60)),
    d: asOf,
  };
}

export function formatDay(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

const CHANNEL_ICON = { phone: ':telephone_receiver:', email: ':email:', sms: ':speech_balloon:' } as const;

function rowText(row: SheetRow, display: MoneyDisplay = DEFAULT_DISPLAY): string {
  const c = row.customer;
  const age = row.oldestDaysPastDue > 0 ? `${row.oldestDaysPastDue} days past due` : 'not yet due';
  const pin = `${row.pinned ? ' :pushpin:' : ''}${row.lentFrom ? ` (${escapeMrkdwn(row.lentFrom)}'s account)` : ''}`;
  const lines = [
    `*${row.rank}. ${escapeMrkdwn(truncate(c.name, 200))}* (${escapeMrkdwn(truncate(c.code, 60))})${pin} · *${escapeMrkdwn(rowOverdueText(row, display))}* overdue · ${age}`,
    `${row.action.escalated ? ':rotating_light: ' : ''}*${escapeMrkdwn(row.action.label)}*${row.action.escalated ? ' (escalated)' : ''}`,
  ];
  const k = row.contact;
  if (k) {
    const how = k.preferredChannel === 'email' ? k.email : k.phone;
    const reach = [how ?? k.phone ?? k.email].filter(Boolean).map((v) => escapeMrkdwn(v!));
    lines.push(
      `${CHANNEL_ICON[k.preferredChannel]} ${escapeMrkdwn(k.name)} (${escapeMrkdwn(k.role)})${reach.length ? ` · ${reach[0]}` : ''} · prefers ${k.preferredChannel}`,
    );
  } else {
    lines.push(':grey_question: No contact on file');
  }
  const reasons = row.reasons.slice(0, 3).map((r) => `• ${escapeMrkdwn(truncate(r, 300))}`);
  const spark = trendLine(row.trend);
  if (reasons.length || spark)
    lines.push([...reasons, spark ? `\`${spark}\`` : ''].filter(Boolean).join('  '));
  return lines.join('\n');
}

function rowButtons(row: SheetRow, asOf: string, display: MoneyDisplay): Block {
  const value = JSON.stringify(rowRef(row, asOf, display));
  const button = (actionId: string, label: string) => ({
    type: 'button' as const,
    action_id: actionId,
    text: plain(label),
    value,
  });
  return {
    type: 'actions',
    block_id: truncate(`row:${row.customer.code}`, 255),
    elements: [
      { ...button(ROW_ACTIONS.promised, 'Promised…'), style: 'primary' as const },
      button(ROW_ACTIONS.dispute, 'Dispute…'),
      button(ROW_ACTIONS.noAnswer, 'No answer'),
      button(ROW_ACTIONS.note, 'Note…'),
    ],
  };
}

function summaryLine(sheet: CallSheet): string {
  const s = sheet.summary;
  const parts = [
    `${s.calls} ${s.calls === 1 ? 'call' : 'calls'}`,
    `${sheetOverdueText(sheet)} overdue`,
    `${s.escalations} ${s.escalations === 1 ? 'escalation' : 'escalations'}`,
    `${s.promisesDueToday} ${s.promisesDueToday === 1 ? 'promise' : 'promises'} due today`,
  ];
  return parts.join(' · ');
}

/** One or more messages; every one within Block Kit's limits. */
export function sheetMessages(sheet: CallSheet): SlackMessage[] {
  const who = sheet.collector.name;
  const day = dayIn(sheet.asOf, sheet.display, formatDay);
  const title = truncate(`Call sheet — ${who} — ${day}`, LIMITS.header);
  const summary = summaryLine(sheet);
  const head: Block[] = [
    { type: 'header', text: plain(title, LIMITS.header) },
    { type: 'context', elements: [mrkdwn(escapeMrkdwn(summary))] },
    ...sheet.refused.slice(0, 5).map(
      (line): Block => ({
        type: 'context',
        elements: [mrkdwn(`:warning: ${escapeMrkdwn(truncate(line, LIMITS.text - 20))}`)],
      }),
    ),
  ];
  if (!sheet.rows.length) {
    head.push({ type: 'section', text: mrkdwn(':tada: Nothing to call today.') });
    return [{ text: `${escapeMrkdwn(title)}: nothing to call today`, blocks: head }];
  }
  // Each row is a section and an actions block; keep one slot free for the "show more" line.
  const perRow = 2;
  const pages: SheetRow[][] = [];
  let room = LIMITS.blocksPerMessage - head.length - 1;
  let page: SheetRow[] = [];
  for (const row of sheet.rows) {
    if (room < perRow) {
      pages.push(page);
      page = [];
      room = LIMITS.blocksPerMessage - 2; // continuation context + "show more"
    }
    page.push(row);
    room -= perRow;
  }
  pages.push(page);
  return pages.map((rows, index) => {
    const first = rows[0]!.rank;
    const last = rows[rows.length - 1]!.rank;
    const blocks: Block[] =
      index === 0
        ? [...head]
        : [
            {
              type: 'context',
              elements: [mrkdwn(`*${escapeMrkdwn(title)}* (continued) · rows ${first}–${last}`)],
            },
          ];
    for (const row of rows) {
      blocks.push(
        { type: 'section', text: mrkdwn(rowText(row, sheet.display)) },
        rowButtons(row, sheet.asOf, sheet.display),
      );
    }
    const more = pages[index + 1];
    if (more) {
      const from = more[0]!.rank;
      blocks.push({
        type: 'context',
        elements: [
          mrkdwn(`:arrow_down: Show more: rows ${from}–${sheet.rows.length} continue in the next message`),
        ],
      });
    }
    const part = pages.length > 1 ? ` (part ${index + 1} of ${pages.length})` : '';
    return { text: escapeMrkdwn(truncate(`${title}: ${summary}${part}`, LIMITS.fallbackText)), blocks };
  });
}
