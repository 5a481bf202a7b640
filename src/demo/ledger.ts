// How every profile of the demo writes one customer: who it is, its orders and invoices over the
// last 24 months with the payments the profile decides, the open orders not invoiced yet (where
// the planted order anomalies live), its credit limit, its row and its contacts. A profile decides
// the numbers (terms, spend, when each invoice is paid); this module turns them into rows.
// Pure: rows out, no I/O.
import { addDays, daysBetween, type IsoDate, weekday } from '../domain/calendar.ts';
import { type Cents, decimalFromCents } from '../domain/money.ts';
import { generateInteractions } from './interactions.ts';
import { FIRST, INDUSTRIES, LAST, PREFIX, REGIONS, SUFFIX, TRADE, ZONES } from './names.ts';
import type { Rng } from './random.ts';
import type {
  CollectorRow,
  ContactRow,
  DemoBatch,
  DemoOptions,
  DemoSize,
  DemoSizeSpec,
  InvoiceRow,
  PaymentRow,
  Planted,
} from './rows.ts';

export const cents = (dollars: number): Cents => Math.max(100, Math.round(dollars * 100));
export const money = decimalFromCents;

/** Payments land on business days: a weekend date moves to the Monday after. */
export function businessDay(date: IsoDate): IsoDate {
  const wd = weekday(date);
  return wd === 6 ? addDays(date, 2) : wd === 0 ? addDays(date, 1) : date;
}

export interface Sequences {
  contact: number;
  order: number;
  invoice: number;
  payment: number;
  application: number;
  interaction: number;
  promise: number;
  dispute: number;
}

/** What the customers of a company are written into: the ids so far, the codes taken, the batch. */
export interface Company {
  seq: Sequences;
  usedCodes: Set<string>;
  out: DemoBatch;
}

/** What one customer's rows are written with: its company, the anchor day and its random stream. */
export interface Writer extends Company {
  today: IsoDate;
  rng: Rng;
}

/** A shape of history: the sizes of its company and how it writes customer `index`. */
export interface ProfileSpec {
  /** One line for `callsheet demo --help`. */
  summary: string;
  sizes: Record<DemoSize, DemoSizeSpec>;
  writeCustomer(
    index: number,
    options: DemoOptions,
    collectors: readonly CollectorRow[],
    company: Company,
  ): void;
}

/** The collections team of `n` collectors; collector ids start at 1 and the manager comes last. */
export function collectorRows(n: number): CollectorRow[] {
  const rows: CollectorRow[] = [];
  for (let i = 0; i < n; i++) {
    const first = FIRST[(i * 7) % FIRST.length]!;
    const last = LAST[(i * 11 + 3) % LAST.length]!;
    rows.push({
      id: i + 1,
      code: `${first.toLowerCase()}${n > FIRST.length ? i + 1 : ''}`,
      name: `${first} ${last}`,
      email: `${first}.${last}@callsheet-demo.example`.toLowerCase(),
      timeZone: ZONES[i % ZONES.length]!,
      dailyCapacity: 30,
      role: 'collector',
    });
  }
  rows.push({
    id: n + 1,
    code: 'morgan',
    name: 'Morgan Reyes',
    email: 'morgan.reyes@callsheet-demo.example',
    timeZone: 'America/New_York',
    dailyCapacity: 10,
    role: 'manager',
  });
  return rows;
}

/**
 * Generates a company of `total` customers in batches, each with all the rows that belong to its
 * customers; `write` adds customer `index` to the company's batch.
 */
export function* customerBatches(
  total: number,
  batchSize: number,
  write: (index: number, company: Company) => void,
): Generator<DemoBatch> {
  const seq: Sequences = {
    contact: 0,
    order: 0,
    invoice: 0,
    payment: 0,
    application: 0,
    interaction: 0,
    promise: 0,
    dispute: 0,
  };
  const usedCodes = new Set<string>();
  for (let start = 0; start < total; start += batchSize) {
    const batch: DemoBatch = {
      customers: [],
      contacts: [],
      orders: [],
      invoices: [],
      payments: [],
      applications: [],
      interactions: [],
      promises: [],
      disputes: [],
      planted: {},
    };
    for (let i = start; i < Math.min(total, start + batchSize); i++) write(i, { seq, usedCodes, out: batch });
    yield batch;
  }
}

export interface Identity {
  id: number;
  code: string;
  name: string;
  /** Customer 0 is always Acme Corp, the customer the docs use. */
  isAcme: boolean;
  industry: string;
  region: string;
  riskRating: number;
}

/** Who customer `index` is: name, a unique code, industry, region and the risk rating they give. */
export function drawIdentity(index: number, rng: Rng, usedCodes: Set<string>): Identity {
  const id = index + 1;
  const isAcme = index === 0;
  const prefix = isAcme ? 'Acme' : rng.pick(PREFIX);
  const trade = rng.pick(TRADE);
  const name = isAcme ? 'Acme Corp' : `${prefix} ${trade} ${rng.pick(SUFFIX)}`;
  let code = isAcme
    ? 'ACME'
    : `${prefix.replace(/\W/g, '').slice(0, 5).toUpperCase()}${String(id).padStart(5, '0')}`;
  while (usedCodes.has(code)) code = `${code}X`;
  usedCodes.add(code);
  const [industry, industryRisk] = rng.pick(INDUSTRIES);
  const [region, regionRisk] = rng.pick(REGIONS);
  const riskRating = Math.min(5, Math.max(1, industryRisk + regionRisk + (rng.chance(0.2) ? 1 : 0)));
  return { id, code, name, isAcme, industry, region, riskRating };
}

/** When the customer's company was founded: a new customer is a young company. */
export function drawEstablishedOn(isNew: boolean, today: IsoDate, rng: Rng): IsoDate {
  return isNew ? addDays(today, -rng.int(120, 700)) : addDays(today, -rng.int(3 * 365, 40 * 365));
}

/**
 * The customer's first order: established customers were active over the last 24 months (some
 * joined later); a new customer's first order was one to three months ago.
 */
export function drawFirstDay(isNew: boolean, today: IsoDate, rng: Rng): IsoDate {
  return isNew
    ? addDays(today, -rng.int(25, 80))
    : rng.chance(0.15)
      ? addDays(today, -rng.int(200, 700))
      : addDays(today, -730 + rng.int(0, 20));
}

/** Customers go round the collectors; one in ten (never Acme) has nobody assigned. */
export function assignCollector(
  index: number,
  isAcme: boolean,
  rng: Rng,
  collectors: readonly CollectorRow[],
): { collectorId: number | null; actor: string } {
  const collector = rng.chance(0.1) && !isAcme ? null : (collectors[index % collectors.length] ?? null);
  return { collectorId: collector?.id ?? null, actor: collector?.code ?? 'system' };
}

/** One payment of (part of) an invoice. */
export interface Instalment {
  on: IsoDate;
  amount: Cents;
}

/** What a customer buys: its monthly spend (dollars), invoices a month and their amounts. */
export interface Spend {
  monthly: number;
  perMonth: number;
  typicalInvoice: number;
  invoiceAmount(): Cents;
  /** An order not invoiced yet. */
  orderAmount(): Cents;
}

/** Amounts vary around the typical invoice; a new customer about to place a large order has only small ones first. */
export function spending(role: Planted | null, monthly: number, perMonth: number, rng: Rng): Spend {
  const typicalInvoice = monthly / perMonth;
  const amount = (scale: number) => cents(typicalInvoice * scale * Math.exp(rng.normal(0, 0.3)));
  const invoiceScale = role === 'new_customer_large_order' ? 0.5 : 1;
  return {
    monthly,
    perMonth,
    typicalInvoice,
    invoiceAmount: () => amount(invoiceScale),
    orderAmount: () => amount(1),
  };
}

/** How a customer trades, as its profile decided. */
export interface Trading {
  firstDay: IsoDate;
  /** Orders stop the day before this one (today for a customer still buying). */
  lastDay: IsoDate;
  termsDays: number;
  spend: Spend;
  /**
   * The payments of a new invoice (the customer's n-th, from 0), in date order; those dated after
   * today are not made. None: not paid.
   */
  settle(invoice: InvoiceRow, amount: Cents, n: number): Instalment[];
  /**
   * Each payment pays one instalment, or one payment a day covers all of them (a remittance: a
   * customer paying its invoices on a cheque run).
   */
  remittances: boolean;
}

/** One customer's ledger as it is written. */
export interface Ledger {
  identity: Identity;
  marginPct: number;
  firstOrderOn: IsoDate | null;
  invoices: InvoiceRow[];
  /** The remittance of each day, for customers that pay by remittance. */
  paidOn: Map<IsoDate, { row: PaymentRow; cents: Cents }>;
}

export function newLedger(identity: Identity, marginPct: number): Ledger {
  return { identity, marginPct, firstOrderOn: null, invoices: [], paidOn: new Map() };
}

function writeOrder(
  w: Writer,
  ledger: Ledger,
  orderDate: IsoDate,
  amount: Cents,
  status: 'open' | 'invoiced',
) {
  const orderId = ++w.seq.order;
  w.out.orders.push({
    id: orderId,
    number: `SO-${String(1_000_000 + orderId)}`,
    customerId: ledger.identity.id,
    orderDate,
    amount: money(amount),
    marginPct: ledger.marginPct.toFixed(2),
    status,
  });
  ledger.firstOrderOn ??= orderDate;
  return orderId;
}

/** The customer's orders from its first day until its last (or today), each invoiced and paid as decided. */
export function writeInvoices(w: Writer, ledger: Ledger, t: Trading): void {
  const { today, rng, seq } = w;
  let day = t.firstDay;
  let n = 0;
  while (daysBetween(day, t.lastDay) > 0) {
    const amount = t.spend.invoiceAmount();
    const orderId = writeOrder(w, ledger, day, amount, 'invoiced');
    const issueDate = addDays(day, rng.int(0, 3));
    if (daysBetween(issueDate, today) <= 0) break;
    const invoiceId = ++seq.invoice;
    const invoice: InvoiceRow = {
      id: invoiceId,
      number: `INV-${String(1_000_000 + invoiceId)}`,
      customerId: ledger.identity.id,
      orderId,
      issueDate,
      dueDate: addDays(issueDate, t.termsDays),
      deliveryDate: addDays(issueDate, -rng.int(0, 2)),
      amount: money(amount),
      openAmount: money(amount),
      status: 'open',
      paidOn: null,
      disputed: false,
    };
    ledger.invoices.push(invoice);
    w.out.invoices.push(invoice);
    let paid = 0;
    for (const part of t.settle(invoice, amount, n)) {
      if (daysBetween(part.on, today) < 0) break;
      pay(w, ledger, invoice, part, t.remittances);
      paid += part.amount;
      if (paid === amount) {
        invoice.status = 'paid';
        invoice.paidOn = part.on;
      }
    }
    if (paid) invoice.openAmount = money(amount - paid);
    n++;
    const gapDays = 30 / t.spend.perMonth;
    day = addDays(day, Math.max(3, Math.round(gapDays * Math.exp(rng.normal(0, 0.25)))));
  }
}

function pay(w: Writer, ledger: Ledger, invoice: InvoiceRow, part: Instalment, remittance: boolean): void {
  const { seq, out } = w;
  let paying = remittance ? ledger.paidOn.get(part.on) : undefined;
  if (paying) {
    paying.cents += part.amount;
    paying.row.amount = money(paying.cents);
  } else {
    const id = ++seq.payment;
    const row: PaymentRow = {
      id,
      reference: `PAY-${String(10_000_000 + id)}`,
      customerId: invoice.customerId,
      receivedOn: part.on,
      amount: money(part.amount),
    };
    out.payments.push(row);
    paying = { row, cents: part.amount };
    if (remittance) ledger.paidOn.set(part.on, paying);
  }
  // An invoice's instalments fall on different days, so one remittance applies once to an invoice.
  out.applications.push({
    id: ++seq.application,
    paymentId: paying.row.id,
    invoiceId: invoice.id,
    amount: money(part.amount),
  });
}

function recordPlanted(out: DemoBatch, what: Planted | null, code: string): void {
  if (!what) return;
  out.planted[what] ??= [];
  out.planted[what].push(code);
}

/**
 * Open orders not invoiced yet — the planted order anomalies live here ("call before invoicing")
 * and one customer in eight has an ordinary one — and the credit limit they are checked against.
 */
function openOrdersAndCreditLimit(w: Writer, ledger: Ledger, role: Planted | null, spend: Spend): Cents {
  const { rng, today } = w;
  const openOrder = (amount: Cents, daysAgo: number) =>
    writeOrder(w, ledger, addDays(today, -daysAgo), amount, 'open');
  if (role === 'new_customer_large_order') openOrder(cents(rng.int(180_000, 320_000)), rng.int(0, 2));
  else if (role === 'unusual_order') openOrder(cents(spend.typicalInvoice * rng.int(9, 14)), rng.int(0, 3));
  else if (rng.chance(0.12)) openOrder(spend.orderAmount(), rng.int(0, 4));

  const openAr = ledger.invoices.reduce((sum, inv) => sum + Math.round(Number(inv.openAmount) * 100), 0);
  const creditLimit =
    role === 'credit_limit'
      ? Math.max(100_000, Math.floor((openAr * 0.7) / 100_000) * 100_000)
      : Math.max(500_000, Math.ceil((spend.monthly * 100 * 4) / 100_000) * 100_000);
  if (role === 'credit_limit') openOrder(cents(spend.typicalInvoice * 2), 1);
  return creditLimit;
}

/** The rest of a customer once its invoices are written, as its profile decided. */
export interface Account {
  /** Its planted behaviour, if any. */
  role: Planted | null;
  spend: Spend;
  establishedOn: IsoDate;
  termsDays: number;
  expectedDaysToPay: number | null;
  collectorId: number | null;
  actor: string;
  /** Collectors have been calling it about its overdue invoices. */
  chased: boolean;
  /** It makes promises to pay (and keeps them). */
  promises: boolean;
}

/**
 * Finishes a customer whose invoices are written: its planted behaviour, open orders and credit
 * limit, its row, its contacts and its call history.
 */
export function finishCustomer(w: Writer, ledger: Ledger, a: Account): void {
  const { id, code, name, industry, region, riskRating, isAcme } = ledger.identity;
  recordPlanted(w.out, a.role, code);
  const creditLimit = openOrdersAndCreditLimit(w, ledger, a.role, a.spend);
  w.out.customers.push({
    id,
    code,
    name,
    industry,
    region,
    riskRating,
    establishedOn: a.establishedOn,
    firstOrderOn: ledger.firstOrderOn,
    creditLimit: money(creditLimit),
    termsDays: a.termsDays,
    marginPct: ledger.marginPct.toFixed(2),
    expectedDaysToPay: a.expectedDaysToPay,
    notes:
      a.role === 'always_60_days'
        ? 'Always pays at 60 days; do not chase before day 60.'
        : isAcme
          ? 'Cheque run on Fridays.'
          : null,
    collectorId: a.collectorId,
  });
  writeContacts(w, id, name);
  const { role, chased, promises, collectorId, actor } = a;
  const { today, rng } = w;
  generateInteractions(
    { id, role, chased, promises, collectorId, actor, invoices: ledger.invoices, today, rng },
    w.seq,
    w.out,
  );
}

function writeContacts(w: Writer, customerId: number, company: string): void {
  const { rng, seq, out } = w;
  const domain = `${company.toLowerCase().replace(/[^a-z0-9]+/g, '')}.example`;
  const roles: ContactRow['role'][] = ['ap', rng.pick(['controller', 'manager'] as const)];
  if (rng.chance(0.5)) roles.push('cfo');
  const used = new Set<string>();
  roles.forEach((role, k) => {
    let name = `${rng.pick(FIRST)} ${rng.pick(LAST)}`;
    while (used.has(name)) name = `${rng.pick(FIRST)} ${rng.pick(LAST)}`;
    used.add(name);
    out.contacts.push({
      id: ++seq.contact,
      customerId,
      name,
      role,
      email: `${name.toLowerCase().replace(' ', '.')}@${domain}`,
      phone: `+1 555 01${String(rng.int(0, 99)).padStart(2, '0')} ${String(rng.int(0, 9999)).padStart(4, '0')}`,
      preferredChannel:
        role === 'ap'
          ? rng.pick(['phone', 'phone', 'email'] as const)
          : rng.pick(['phone', 'email', 'sms'] as const),
      primary: k === 0,
    });
  });
}
