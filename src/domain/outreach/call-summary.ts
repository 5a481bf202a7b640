// The sentence a written summary gives of a logged call, in the customer's terms.
import { moneyText } from '../money-text.ts';
import { emailDate } from './message-view.ts';

export interface LoggedCall {
  outcome: string;
  amountCents: number | null;
  onDate: string | null;
  note: string | null;
  invoiceNumber: string | null;
}

export function callSummary(call: LoggedCall, currency = 'USD', locale = 'en-US'): string {
  const amount = call.amountCents === null ? null : moneyText(call.amountCents, currency, locale);
  const on = call.onDate === null ? null : emailDate(call.onDate, locale);
  const parts: string[] = [];
  switch (call.outcome) {
    case 'promised':
      parts.push(`you will pay ${amount ?? 'the overdue balance'}${on ? ` by ${on}` : ''}.`);
      break;
    case 'plan':
      parts.push(`we agreed a payment plan of ${amount ?? 'the balance'}${on ? ` starting ${on}` : ''}.`);
      break;
    case 'disputed':
      parts.push(
        `you dispute ${call.invoiceNumber ? `invoice ${call.invoiceNumber}` : 'an invoice'}; we are looking into it and will not chase it meanwhile.`,
      );
      break;
    case 'callback':
      parts.push(`we will call you again${on ? ` on ${on}` : ''}.`);
      break;
    case 'paid':
      parts.push(
        `you told us ${amount ? `${amount} was` : 'the payment was'} paid${on ? ` on ${on}` : ''}; we will match it as soon as it arrives.`,
      );
      break;
    default:
      parts.push('we spoke about your account.');
  }
  if (call.note) parts.push(`Note: ${call.note}`);
  return parts.join(' ');
}

/** A promise gets a confirmation; the other answered calls a written summary. */
export const followUpKind = (outcome: string) =>
  outcome === 'promised' ? 'promise_confirmation' : 'call_summary';
