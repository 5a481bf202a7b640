// The data a template sees: names, the invoices with amounts in their own currency, the total, how
// to pay and who signs. Plain values only (see render-message.ts).
import { formatMoney } from '../money.ts';
import type { CurrencyTotal, OutreachInvoice } from './plan-outreach.ts';
import type { TemplateValue } from './render-message.ts';

export interface MessageViewInput {
  customer: { code: string; name: string };
  contact: { name: string; email: string };
  invoices: readonly OutreachInvoice[];
  totals: readonly CurrencyTotal[];
  company: string;
  paymentInstructions: string;
  signature: { name: string; email: string | null };
  date: string;
  call?: { date: string; summary: string };
  promise?: { amount: string; date: string };
}

/** "$1,200.00", or "€7.00 + $1,200.00" for invoices in several currencies. */
export function totalText(totals: readonly CurrencyTotal[]): string {
  return totals.map((t) => formatMoney(t.cents, t.currency)).join(' + ');
}

export function messageView(input: MessageViewInput): { [key: string]: TemplateValue } {
  return {
    customer: { code: input.customer.code, name: input.customer.name },
    contact: { name: input.contact.name, email: input.contact.email },
    invoices: input.invoices.map((i) => ({
      number: i.number,
      issueDate: i.issueDate,
      dueDate: i.dueDate,
      amount: formatMoney(i.openCents, i.currency),
      daysPastDue: Math.max(0, i.daysPastDue),
    })),
    total: totalText(input.totals),
    company: input.company,
    paymentInstructions: input.paymentInstructions,
    signature: { name: input.signature.name, email: input.signature.email ?? '' },
    date: input.date,
    call: input.call ?? { date: '', summary: '' },
    promise: input.promise ?? { amount: '', date: '' },
  };
}
