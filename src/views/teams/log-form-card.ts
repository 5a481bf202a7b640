// The small form a sheet row opens: outcome, amount, date, invoice and note, prefilled from the
// row. Submitting it logs through the command core like a typed `logcall`.
import { decimalFromCents } from '../../domain/money.ts';
import { suggestedPromiseDate } from '../../domain/promises.ts';
import { type AdaptiveCard, card, plainText, submit } from './adaptive-card.ts';
import { SHEET_VERBS } from './sheet-cards.ts';

export interface LogFormInput {
  customer: string;
  name: string;
  /** Overdue cents in `currency` (the prefilled promise amount). */
  overdueCents: number;
  /** The currency a promise on the account is in (the base when it holds several); null: unknown. */
  currency: string | null;
  /** The overdue money as the row shows it ('€12,400.00 (= $13,640.00)'); null: not known. */
  overdue: string | null;
  invoices: string[];
  /** The collector's today, the earliest date offered. */
  today: string;
}

export const FORM_OUTCOMES = [
  { value: 'promised', title: 'Promised to pay' },
  { value: 'paid', title: 'Says it is paid' },
  { value: 'disputed', title: 'Disputed' },
  { value: 'callback', title: 'Call back' },
  { value: 'no_answer', title: 'No answer' },
  { value: 'voicemail', title: 'Left voicemail' },
  { value: 'wrong_number', title: 'Wrong number' },
  { value: 'note', title: 'Note only' },
] as const;

export function logFormCard(input: LogFormInput): AdaptiveCard {
  const body = [
    plainText(`Log a call: ${input.name} (${input.customer})`, { weight: 'Bolder' }),
    ...(input.overdue ? [plainText(`${input.overdue} overdue`, { isSubtle: true, spacing: 'None' })] : []),
    {
      type: 'Input.ChoiceSet',
      id: 'outcome',
      label: 'Outcome',
      value: 'promised',
      isRequired: true,
      errorMessage: 'Choose what happened on the call',
      choices: FORM_OUTCOMES.map((o) => ({ title: o.title, value: o.value })),
    },
    {
      // Text, not Input.Number: the amount stays a decimal string end to end.
      type: 'Input.Text',
      id: 'amount',
      label: `Amount (promised or paid${input.currency ? `, ${input.currency}` : ''})`,
      regex: '^\\$?[0-9][0-9,]*(\\.[0-9]{1,2})?$',
      errorMessage: 'An amount like 5000 or 5,000.00',
      ...(input.overdueCents > 0 ? { value: decimalFromCents(input.overdueCents) } : {}),
    },
    {
      type: 'Input.Date',
      id: 'date',
      label: 'Date (promise, payment or call back)',
      min: input.today,
      value: suggestedPromiseDate(input.today),
    },
    input.invoices.length
      ? {
          type: 'Input.ChoiceSet',
          id: 'invoice',
          label: 'Invoice (for a dispute)',
          placeholder: 'Whole account',
          choices: input.invoices.map((n) => ({ title: n, value: n })),
        }
      : { type: 'Input.Text', id: 'invoice', label: 'Invoice (for a dispute)', maxLength: 40 },
    { type: 'Input.Text', id: 'note', label: 'Note', isMultiline: true, maxLength: 500 },
  ];
  return card(
    body,
    [submit('Record', { verb: SHEET_VERBS.log, customer: input.customer }, 'positive')],
    `Log a call for ${input.name}`,
  );
}
