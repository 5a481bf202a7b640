// The money every surface (console, Slack, Teams, chat replies) shows on a sheet, one way: per currency where an account or a total
// mixes them (`€12,400.00 + $3,100.00 (= $16,892.00)`), in the company's locale; the base amount
// alone when all of it is in the base currency.

import type { Cents } from '../domain/money.ts';
import {
  type CurrencyAmount,
  DEFAULT_DISPLAY,
  dateText,
  type MoneyDisplay,
  type MoneyStyle,
  moneyText,
  totalText,
} from '../domain/money-text.ts';
import type { CallSheet, ManagerSummary, SheetRow } from './sheet-model.ts';

/** A row's overdue money. */
export function rowOverdueText(row: SheetRow, display: MoneyDisplay, style: MoneyStyle = 'full'): string {
  const amounts = row.balances.map((b) => ({ currency: b.currency, cents: b.overdueCents }));
  return totalText(amounts, row.overdueCents, display, style);
}

/**
 * What a promise logged from the row is in — the account currency: the row's one currency, the
 * base when it holds several (as logcall records it) — with the row's overdue money in it, to
 * prefill the amount.
 */
export function rowPromiseMoney(row: SheetRow, display: MoneyDisplay): CurrencyAmount {
  const held = row.balances.filter((b) => b.openCents !== 0);
  const only = held.length === 1 ? held[0] : undefined;
  return only
    ? { currency: only.currency, cents: only.overdueCents }
    : { currency: display.base, cents: row.overdueCents };
}

/** A sheet's overdue total. */
export function sheetOverdueText(sheet: CallSheet, style: MoneyStyle = 'full'): string {
  return totalText(sheet.summary.overdueByCurrency, sheet.summary.overdueCents, sheet.display, style);
}

/** A team summary collector's overdue total. */
export function collectorOverdueText(
  c: ManagerSummary['collectors'][number],
  display: MoneyDisplay,
  style: MoneyStyle = 'full',
): string {
  return totalText(c.overdueByCurrency, c.overdueCents, display, style);
}

/** An amount in the base currency. */
export function baseText(cents: Cents, display: MoneyDisplay, style: MoneyStyle = 'full'): string {
  return moneyText(cents, display.base, display.locale, style);
}

/** A day in the company's locale; en-US keeps each surface's own wording (`enUs`). */
export function dayIn(day: string, display: MoneyDisplay, enUs: (day: string) => string): string {
  return display.locale === DEFAULT_DISPLAY.locale ? enUs(day) : dateText(day, display.locale);
}
