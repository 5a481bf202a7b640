// What a detector finds: one alert-worthy fact with its explanation. The fingerprint names the fact
// (an order, a promise, a customer in a quarter) so the same fact is stored, and alerted, once.
import type { IsoDate } from '../calendar.ts';
import { type Cents, formatMoney } from '../money.ts';

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

export const money = (cents: Cents) => formatMoney(Math.round(cents));

/** 9.84 → '9.8×'. */
export const times = (ratio: number) => `${ratio >= 10 ? Math.round(ratio) : ratio.toFixed(1)}×`;
