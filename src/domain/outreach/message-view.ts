// The data a template sees: names, the invoices with amounts in their own currency, the total, how
// to pay and who signs. Plain values only (see render-message.ts).
import { isIsoDate } from '../calendar.ts';
import { dateText, moneyText } from '../money-text.ts';
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
  /** How amounts and dates are written (see emailLocale); default en-US. */
  locale?: string;
}

/** A day as the letter's locale writes it ('May 28, 2027', '28 mai 2027'); anything else as given. */
export function emailDate(day: string, locale = 'en-US'): string {
  return isIsoDate(day) ? dateText(day, locale) : day;
}

/**
 * The locale an e-mail's amounts and dates are written in: the company's when it is in the e-mail's language
 * (en-GB, de-AT…), else the language of the template the e-mail is written from (a French letter
 * writes 1 234,50 €, whatever the seller's own locale).
 */
export function emailLocale(templateLanguage: string | undefined, companyLocale: string): string {
  if (!templateLanguage) return companyLocale;
  const primary = (tag: string) => tag.split('-')[0]!.toLowerCase();
  if (primary(templateLanguage) === primary(companyLocale)) return companyLocale;
  return templateLanguage === 'en' ? 'en-US' : templateLanguage;
}

/** "$1,200.00", or "€7.00 + $1,200.00" for invoices in several currencies. */
export function totalText(totals: readonly CurrencyTotal[], locale = 'en-US'): string {
  return totals.map((t) => moneyText(t.cents, t.currency, locale)).join(' + ');
}

export function messageView(input: MessageViewInput): { [key: string]: TemplateValue } {
  const day = (d: string) => emailDate(d, input.locale);
  return {
    customer: { code: input.customer.code, name: input.customer.name },
    contact: { name: input.contact.name, email: input.contact.email },
    invoices: input.invoices.map((i) => ({
      number: i.number,
      issueDate: day(i.issueDate),
      dueDate: day(i.dueDate),
      amount: moneyText(i.openCents, i.currency, input.locale),
      daysPastDue: Math.max(0, i.daysPastDue),
    })),
    total: totalText(input.totals, input.locale),
    company: input.company,
    paymentInstructions: input.paymentInstructions,
    signature: { name: input.signature.name, email: input.signature.email ?? '' },
    date: day(input.date),
    call: input.call ? { ...input.call, date: day(input.call.date) } : { date: '', summary: '' },
    promise: input.promise ? { ...input.promise, date: day(input.promise.date) } : { amount: '', date: '' },
  };
}
