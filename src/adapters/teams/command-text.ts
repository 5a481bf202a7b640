// Turns what a Teams user typed (or submitted in a card form) into the command core's request
// text. The grammar itself lives in the core; this only splits off the command word.
import { type CommandName, commandNamed } from '../../app/command-model.ts';
import { centsFromDecimal, decimalFromCents } from '../../domain/money.ts';
import { ownEntry } from '../../domain/own-entry.ts';

export type ParsedMessage =
  | { kind: 'command'; command: CommandName; text: string }
  | { kind: 'unknown'; word: string };

/** `/logcall ACME promised 5/30` or `logcall ACME promised 5/30` → logcall + 'ACME promised 5/30'. */
export function parseMessage(raw: string): ParsedMessage {
  const text = raw.replace(/\u00a0/g, ' ').trim();
  if (!text) return { kind: 'command', command: 'help', text: '' };
  const match = /^\/?(\S+)\s*([\s\S]*)$/.exec(text);
  const word = (match?.[1] ?? '').toLowerCase();
  const rest = (match?.[2] ?? '').trim();
  const command = commandNamed(word);
  if (command) return { kind: 'command', command, text: rest };
  return { kind: 'unknown', word: word.slice(0, 40) };
}

/** Values an Action.Submit from the log form (or a one-click row button) carries. */
export interface LogFormValues {
  customer?: unknown;
  outcome?: unknown;
  amount?: unknown;
  date?: unknown;
  invoice?: unknown;
  note?: unknown;
}

const OUTCOME_WORDS: Record<string, string> = {
  promised: 'promised',
  paid: 'paid',
  disputed: 'disputed',
  callback: 'callback',
  no_answer: 'no answer',
  voicemail: 'voicemail',
  wrong_number: 'wrong number',
  note: 'note',
};

const str = (v: unknown) => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : '');

/** A form submission as the `logcall` line a collector would have typed, or what is wrong with it. */
export function logcallFromForm(
  values: LogFormValues,
  today: string,
): { ok: true; text: string } | { ok: false; message: string } {
  const customer = str(values.customer);
  const outcome = str(values.outcome) || 'note';
  const word = ownEntry(OUTCOME_WORDS, outcome);
  if (!customer) return { ok: false, message: 'The form lost its customer: open it again from the sheet.' };
  if (!word) return { ok: false, message: `Unknown outcome "${outcome}": choose one from the list.` };
  const parts = [/^[\w.-]+$/.test(customer) ? customer : `"${customer.replace(/"/g, '')}"`, word];
  const amountText = str(values.amount).replace(/[$,\s]/g, '');
  const date = str(values.date);
  const invoice = str(values.invoice);
  const note = str(values.note);
  if (date && !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    return { ok: false, message: `"${date}" is not a date: pick one in the date field.` };
  }
  let amount = '';
  if (amountText && (outcome === 'promised' || outcome === 'paid')) {
    try {
      amount = decimalFromCents(centsFromDecimal(amountText));
    } catch {
      return {
        ok: false,
        message: `"${str(values.amount)}" is not an amount: write it like 5000 or 5,000.00.`,
      };
    }
  }
  switch (outcome) {
    case 'promised':
      if (!date) return { ok: false, message: 'A promise needs the date it will be paid by.' };
      parts.push(...(amount ? [amount] : []), 'by', date);
      break;
    case 'paid':
      // The form offers next week for a promise; a payment date is only ever today or earlier.
      parts.push(...(amount ? [amount] : []), ...(date && date <= today ? [date] : []));
      break;
    case 'callback':
      if (!date) return { ok: false, message: 'A call back needs a date.' };
      parts.push(date);
      break;
    case 'disputed':
      if (invoice) parts.push(invoice);
      break;
    case 'note':
      if (!note) return { ok: false, message: 'Write the note first.' };
      break;
  }
  if (note) parts.push(note);
  return { ok: true, text: parts.join(' ') };
}
