// The modal a row button opens (Promised… / Dispute… / Note…), prefilled from the row: amount
// (the overdue balance), a promise date, the oldest invoice, a note. Its submission is turned into
// the same /logcall text a collector would type, so it goes through the same command core.

import { decimalFromCents } from '../../domain/money.ts';
import { suggestedPromiseDate } from '../../domain/promises.ts';
import { LIMITS, type ModalView } from './message.ts';
import { plain, truncate } from './mrkdwn.ts';
import type { RowRef } from './sheet-blocks.ts';

export const OUTCOME_MODAL_CALLBACK = 'log_outcome';
export type OutcomeKind = 'promised' | 'dispute' | 'note';

/** Carried in the modal's private_metadata. */
export interface OutcomeMetadata {
  kind: OutcomeKind;
  customerCode: string;
  customerName: string;
  /** Where to tell the collector what was recorded. */
  channelId?: string;
}

export const OUTCOME_FIELDS = {
  amount: 'amount',
  date: 'date',
  invoice: 'invoice',
  note: 'note',
} as const;
/** Every input's action_id (block ids tell the inputs apart). */
export const INPUT_ACTION = 'value';

const TITLES: Record<OutcomeKind, string> = {
  promised: 'Log a promise',
  dispute: 'Log a dispute',
  note: 'Add a note',
};

function textInput(
  blockId: string,
  label: string,
  options: { initial?: string; multiline?: boolean; optional?: boolean; hint?: string; max?: number },
) {
  return {
    type: 'input' as const,
    block_id: blockId,
    optional: options.optional ?? false,
    label: plain(label, 2000),
    ...(options.hint ? { hint: plain(options.hint, 2000) } : {}),
    element: {
      type: 'plain_text_input' as const,
      action_id: INPUT_ACTION,
      multiline: options.multiline ?? false,
      max_length: options.max ?? 500,
      ...(options.initial ? { initial_value: options.initial } : {}),
    },
  };
}

export function outcomeModal(kind: OutcomeKind, row: RowRef, channelId?: string): ModalView {
  const metadata: OutcomeMetadata = {
    kind,
    customerCode: row.c,
    customerName: truncate(row.n, 200),
    ...(channelId ? { channelId } : {}),
  };
  // Buttons posted before the row carried its money text and currency have neither.
  const overdue = typeof row.t === 'string' && row.t ? ` · ${row.t} overdue` : '';
  const currency = typeof row.u === 'string' && /^[A-Z]{3}$/.test(row.u) ? ` (${row.u})` : '';
  const blocks: ModalView['blocks'] = [
    { type: 'section', text: plain(truncate(`${row.n} (${row.c})${overdue}`, 300)) },
  ];
  if (kind === 'promised') {
    blocks.push(
      textInput(OUTCOME_FIELDS.amount, `Amount promised${currency}`, {
        initial: decimalFromCents(row.o),
        hint: 'e.g. 5000 or 5,000.00 — defaults to the overdue balance',
        max: 20,
      }),
      {
        type: 'input',
        block_id: OUTCOME_FIELDS.date,
        label: plain('Pay by'),
        element: { type: 'datepicker', action_id: INPUT_ACTION, initial_date: suggestedPromiseDate(row.d) },
      },
      textInput(OUTCOME_FIELDS.note, 'Note', { optional: true, multiline: true }),
    );
  } else if (kind === 'dispute') {
    const invoices = row.i.slice(0, 100);
    blocks.push(
      invoices.length
        ? {
            type: 'input',
            block_id: OUTCOME_FIELDS.invoice,
            optional: true,
            label: plain('Invoice'),
            element: {
              type: 'static_select',
              action_id: INPUT_ACTION,
              initial_option: { text: plain(truncate(invoices[0]!, 75)), value: invoices[0]! },
              options: invoices.map((n) => ({ text: plain(truncate(n, 75)), value: n })),
            },
          }
        : textInput(OUTCOME_FIELDS.invoice, 'Invoice', { optional: true, max: 60 }),
      textInput(OUTCOME_FIELDS.note, 'Reason', { multiline: true }),
    );
  } else {
    blocks.push(textInput(OUTCOME_FIELDS.note, 'Note', { multiline: true, max: 2000 }));
  }
  return {
    type: 'modal',
    callback_id: OUTCOME_MODAL_CALLBACK,
    private_metadata: truncate(JSON.stringify(metadata), LIMITS.privateMetadata),
    title: plain(TITLES[kind], LIMITS.modalTitle),
    submit: plain('Record', LIMITS.modalTitle),
    close: plain('Cancel', LIMITS.modalTitle),
    blocks,
  };
}
