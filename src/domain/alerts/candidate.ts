// What a detector finds: one alert-worthy fact with its explanation. The fingerprint names the fact
// (an order, a promise, a customer in a quarter) so the same fact is stored, and alerted, once.
import type { IsoDate } from '../calendar.ts';
import type { Cents } from '../money.ts';
import { DEFAULT_DISPLAY, type MoneyDisplay, moneyText } from '../money-text.ts';

export type AlertKind =
  | 'new_customer_large_order'
  | 'unusual_order'
  | 'slowing_payments'
  | 'broken_promise'
  | 'credit_limit'
  | 'delivery_failure';

export type AlertSeverity = 'info' | 'warning' | 'critical';

export interface CustomerRef {
  id: number;
  code: string;
  name: string;
}

export interface AlertCandidate {
  kind: AlertKind;
  customer: CustomerRef;
  fingerprint: string;
  severity: AlertSeverity;
  title: string;
  message: string;
  suggestedAction: string;
  numbers: Record<string, number | string>;
  sparkline: string;
}

/** An order as the order detectors see it. */
export interface OrderFact {
  orderId: number;
  number: string;
  orderDate: IsoDate;
  amountCents: Cents;
  customer: CustomerRef;
}

/**
 * How a detector writes amounts: base-currency cents (medians may be fractional) rounded to the cent,
 * in the company's base currency and locale ('$12,400.00', '12.400,00 €').
 */
export const alertMoney =
  (display: MoneyDisplay = DEFAULT_DISPLAY) =>
  (cents: Cents) =>
    moneyText(Math.round(cents), display.base, display.locale);

const ratioFormats = new Map<string, Intl.NumberFormat[]>();

/** 9.84 → '9.8×' (en-US), '9,8×' (de-DE); 12.4 → '12×'. */
export function times(ratio: number, locale = DEFAULT_DISPLAY.locale): string {
  let f = ratioFormats.get(locale);
  if (!f) {
    const digits = (n: number) =>
      new Intl.NumberFormat(locale, {
        minimumFractionDigits: n,
        maximumFractionDigits: n,
        useGrouping: false,
      });
    f = [digits(0), digits(1)];
    ratioFormats.set(locale, f);
  }
  return `${f[ratio >= 10 ? 0 : 1]!.format(ratio)}×`;
}
