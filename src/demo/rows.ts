// The rows a demo company is made of, one plain object per table row: money is a decimal string,
// dates are ISO dates. Every profile of the demo writes these; the loader inserts them as they are.
import type { IsoDate } from '../domain/calendar.ts';

export type DemoSize = 'small' | 'medium' | 'large';

/** The shapes of history the demo can generate; `mixed` is the default. */
export type DemoProfile = 'mixed' | 'prompt';

export interface DemoSizeSpec {
  customers: number;
  collectors: number;
  /** Invoices a typical customer gets over the 24 months. */
  invoicesPerCustomer: number;
}

/**
 * Behaviours planted for later detection, and what each is; every demo size and profile contains
 * each of them.
 */
export const PLANTED_BEHAVIOURS = {
  slowing_payer: 'a top customer that paid on time and now pays weeks later',
  broken_promise: 'a large overdue account that broke two promises to pay',
  dispute: 'open disputes on its latest invoices',
  new_customer_large_order: 'a new customer whose large order is not invoiced yet',
  new_customer_normal: 'a new customer with ordinary orders',
  unusual_order: "an order far above the customer's own history, not invoiced yet",
  credit_limit: 'open receivables and orders above its credit limit',
  never_pays: 'has paid nothing for more than half a year',
  always_60_days: 'pays at 60 days, steadily, whatever its terms',
  callback_today: 'asked to be called back today',
  no_answer_streak: 'three unanswered calls in a row on an overdue account',
} as const;
export type Planted = keyof typeof PLANTED_BEHAVIOURS;
export const PLANTED = Object.keys(PLANTED_BEHAVIOURS) as Planted[];

export interface DemoOptions {
  size: DemoSize;
  seed: number;
  today: IsoDate;
  /** Unset: `mixed`. */
  profile?: DemoProfile;
}

export interface CollectorRow {
  id: number;
  code: string;
  name: string;
  email: string;
  timeZone: string;
  dailyCapacity: number;
  role: 'collector' | 'manager';
}

export interface CustomerRow {
  id: number;
  code: string;
  name: string;
  industry: string;
  region: string;
  riskRating: number;
  establishedOn: IsoDate;
  firstOrderOn: IsoDate | null;
  creditLimit: string;
  termsDays: number;
  marginPct: string;
  expectedDaysToPay: number | null;
  notes: string | null;
  collectorId: number | null;
}
export interface ContactRow {
  id: number;
  customerId: number;
  name: string;
  role: 'ap' | 'manager' | 'controller' | 'cfo' | 'other';
  email: string;
  phone: string;
  preferredChannel: 'phone' | 'email' | 'sms';
  primary: boolean;
}
export interface OrderRow {
  id: number;
  number: string;
  customerId: number;
  orderDate: IsoDate;
  amount: string;
  marginPct: string;
  status: 'open' | 'invoiced';
}
export interface InvoiceRow {
  id: number;
  number: string;
  customerId: number;
  orderId: number;
  issueDate: IsoDate;
  dueDate: IsoDate;
  deliveryDate: IsoDate;
  amount: string;
  openAmount: string;
  status: 'open' | 'paid';
  paidOn: IsoDate | null;
  disputed: boolean;
}
export interface PaymentRow {
  id: number;
  reference: string;
  customerId: number;
  receivedOn: IsoDate;
  amount: string;
}
export interface ApplicationRow {
  id: number;
  paymentId: number;
  invoiceId: number;
  amount: string;
}
export interface InteractionRow {
  id: number;
  customerId: number;
  collectorId: number | null;
  occurredAt: string;
  outcome: 'promised' | 'disputed' | 'no_answer' | 'voicemail' | 'callback' | 'note';
  note: string | null;
  amount: string | null;
  onDate: IsoDate | null;
  invoiceId: number | null;
  actor: string;
}
export interface PromiseRow {
  id: number;
  customerId: number;
  collectorId: number | null;
  interactionId: number;
  amount: string;
  dueOn: IsoDate;
  status: 'open' | 'kept' | 'broken';
  coveredAmount: string | null;
  actor: string;
}
export interface DisputeRow {
  id: number;
  customerId: number;
  invoiceId: number;
  interactionId: number;
  reason: string;
  openedAt: string;
  actor: string;
}

export interface DemoBatch {
  customers: CustomerRow[];
  contacts: ContactRow[];
  orders: OrderRow[];
  invoices: InvoiceRow[];
  payments: PaymentRow[];
  applications: ApplicationRow[];
  interactions: InteractionRow[];
  promises: PromiseRow[];
  disputes: DisputeRow[];
  planted: Partial<Record<Planted, string[]>>;
}
