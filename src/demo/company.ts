// The demo company: a deterministic, realistic receivables ledger relative to an anchor day
// ("today"), so this morning's sheet is always current. Customers follow payment habits
// (prompt, always-at-60-days, late, erratic, slowing, disputing, delinquent, new) and a few carry
// planted behaviours that the engine and the alert scans must find. Pure: rows out, no I/O.
import { addDays, daysBetween, type IsoDate, weekday } from '../domain/calendar.ts';
import { type Cents, decimalFromCents } from '../domain/money.ts';
import { createRng, hashSeed, type Rng } from './random.ts';

export type DemoSize = 'small' | 'medium' | 'large';

export const DEMO_SIZES: Record<
  DemoSize,
  { customers: number; collectors: number; invoicesPerCustomer: number }
> = {
  small: { customers: 200, collectors: 2, invoicesPerCustomer: 20 },
  medium: { customers: 2000, collectors: 5, invoicesPerCustomer: 30 },
  large: { customers: 50_000, collectors: 30, invoicesPerCustomer: 20 },
};

export type Habit =
  | 'prompt'
  | 'steady60'
  | 'late'
  | 'erratic'
  | 'slowing'
  | 'disputer'
  | 'delinquent'
  | 'new';

/** Behaviours planted for later detection; every demo size contains each of them. */
export type Planted =
  | 'slowing_payer'
  | 'broken_promise'
  | 'dispute'
  | 'new_customer_large_order'
  | 'new_customer_normal'
  | 'unusual_order'
  | 'credit_limit'
  | 'never_pays'
  | 'always_60_days'
  | 'callback_today'
  | 'no_answer_streak';

export interface DemoOptions {
  size: DemoSize;
  seed: number;
  today: IsoDate;
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

// Rows are column-friendly plain objects; money is a decimal string, dates are ISO dates.
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

const FIRST = [
  'Ava',
  'Ben',
  'Carla',
  'Dev',
  'Elena',
  'Farid',
  'Grace',
  'Hiro',
  'Ines',
  'Jamal',
  'Kara',
  'Liam',
  'Maya',
  'Noah',
  'Olga',
  'Priya',
  'Quinn',
  'Rosa',
  'Sam',
  'Tariq',
  'Uma',
  'Victor',
  'Wen',
  'Yusuf',
  'Zoe',
  'Jane',
  'Marco',
  'Aisha',
  'Tom',
  'Lena',
];
const LAST = [
  'Adams',
  'Baker',
  'Chen',
  'Diaz',
  'Evans',
  'Fischer',
  'Garcia',
  'Hughes',
  'Ito',
  'Jensen',
  'Khan',
  'Lopez',
  'Murphy',
  'Nguyen',
  'Okafor',
  'Patel',
  'Quinlan',
  'Rossi',
  'Singh',
  'Turner',
  'Ueda',
  'Varga',
  'Walsh',
  'Xu',
  'Young',
  'Zimmer',
  'Brooks',
  'Cole',
  'Dunn',
  'Ferreira',
];
const PREFIX = [
  'Acme',
  'Apex',
  'Atlas',
  'Beacon',
  'Birch',
  'Blue Ridge',
  'Cascade',
  'Cedar',
  'Summit',
  'Copper',
  'Crest',
  'Delta',
  'Eagle',
  'Evergreen',
  'Falcon',
  'Frontier',
  'Granite',
  'Harbor',
  'Heritage',
  'Highland',
  'Horizon',
  'Iron',
  'Keystone',
  'Lakeside',
  'Liberty',
  'Maple',
  'Meridian',
  'Midland',
  'Northwind',
  'Oak',
  'Orion',
  'Pacific',
  'Pinnacle',
  'Pioneer',
  'Prairie',
  'Redwood',
  'River',
  'Sierra',
  'Silver',
  'Sterling',
  'Stone',
  'Sunrise',
  'Tristate',
  'Union',
  'Valley',
  'Vanguard',
  'Vista',
  'Westfield',
  'Willow',
  'Zenith',
];
const TRADE = [
  'Industrial',
  'Supply',
  'Builders',
  'Foods',
  'Medical',
  'Logistics',
  'Electric',
  'Plastics',
  'Metals',
  'Packaging',
  'Farms',
  'Energy',
  'Systems',
  'Hardware',
  'Textiles',
  'Labs',
  'Marine',
  'Motors',
  'Print',
  'Tools',
];
const SUFFIX = ['Inc', 'LLC', 'Co', 'Corp', 'Ltd', 'Group', 'Partners', 'Holdings'];
const INDUSTRIES: readonly (readonly [string, number])[] = [
  ['Construction', 4],
  ['Restaurants', 5],
  ['Healthcare', 2],
  ['Government', 1],
  ['Manufacturing', 3],
  ['Retail', 3],
  ['Wholesale', 3],
  ['Transportation', 4],
  ['Technology', 2],
  ['Education', 1],
  ['Energy', 3],
  ['Agriculture', 3],
];
const REGIONS: readonly (readonly [string, number])[] = [
  ['Northeast', 0],
  ['Southeast', 0],
  ['Midwest', 0],
  ['Southwest', 1],
  ['West', 0],
  ['Canada', -1],
];
const DISPUTE_REASONS = [
  'pricing wrong',
  'short shipment',
  'damaged goods',
  'no PO on file',
  'duplicate billing',
];
const CALL_NOTES = [
  'AP says invoice is in the next cheque run',
  'spoke to AP clerk, waiting on approval',
  'controller asked for a copy of the invoice',
  'left message with reception',
  'AP on vacation until next week',
];
const ZONES = ['America/New_York', 'America/Chicago'];

/** The collections team; collector ids start at 1 and the manager comes last. */
export function demoCollectors(size: DemoSize): CollectorRow[] {
  const n = DEMO_SIZES[size].collectors;
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

/** Which behaviour each of the first customers carries, so even the small demo has them all. */
const FORCED: readonly (Habit | Planted)[] = [
  'late', // ACME
  'slowing_payer',
  'broken_promise',
  'dispute',
  'new_customer_large_order',
  'new_customer_normal',
  'unusual_order',
  'credit_limit',
  'never_pays',
  'always_60_days',
  'callback_today',
  'no_answer_streak',
  'slowing_payer',
  'broken_promise',
  'dispute',
  'new_customer_large_order',
  'new_customer_normal',
  'unusual_order',
  'credit_limit',
  'never_pays',
  'always_60_days',
  'callback_today',
  'no_answer_streak',
];

interface Sequences {
  contact: number;
  order: number;
  invoice: number;
  payment: number;
  application: number;
  interaction: number;
  promise: number;
  dispute: number;
}

/** Generates the company in batches of customers, each with all the rows that belong to it. */
export function* demoBatches(options: DemoOptions, batchSize = 1000): Generator<DemoBatch> {
  const { size } = options;
  const total = DEMO_SIZES[size].customers;
  const collectors = demoCollectors(size).filter((c) => c.role === 'collector');
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
    for (let i = start; i < Math.min(total, start + batchSize); i++) {
      generateCustomer(i, options, collectors, seq, usedCodes, batch);
    }
    yield batch;
  }
}

function roleFor(index: number, rng: Rng): Habit | Planted {
  const forced = FORCED[index];
  if (forced) return forced;
  const r = rng.next();
  if (r < 0.02) return 'slowing_payer';
  if (r < 0.03) return 'broken_promise';
  if (r < 0.05) return 'dispute';
  if (r < 0.053) return 'new_customer_large_order';
  if (r < 0.07) return 'new_customer_normal';
  if (r < 0.075) return 'unusual_order';
  if (r < 0.085) return 'credit_limit';
  if (r < 0.1) return 'never_pays';
  if (r < 0.11) return 'no_answer_streak';
  if (r < 0.2) return 'always_60_days';
  if (r < 0.42) return 'late';
  if (r < 0.52) return 'erratic';
  return 'prompt';
}

function habitOf(role: Habit | Planted): Habit {
  switch (role) {
    case 'slowing_payer':
      return 'slowing';
    case 'dispute':
      return 'disputer';
    case 'new_customer_large_order':
    case 'new_customer_normal':
      return 'new';
    case 'never_pays':
    case 'broken_promise':
    case 'no_answer_streak':
      return 'delinquent';
    case 'always_60_days':
      return 'steady60';
    case 'unusual_order':
    case 'credit_limit':
    case 'callback_today':
      return 'late';
    default:
      return role;
  }
}

const cents = (dollars: number): Cents => Math.max(100, Math.round(dollars * 100));
const money = decimalFromCents;

/** Payments land on business days: a weekend date moves to the Monday after. */
function businessDay(date: IsoDate): IsoDate {
  const wd = weekday(date);
  return wd === 6 ? addDays(date, 2) : wd === 0 ? addDays(date, 1) : date;
}

function generateCustomer(
  index: number,
  options: DemoOptions,
  collectors: CollectorRow[],
  seq: Sequences,
  usedCodes: Set<string>,
  out: DemoBatch,
): void {
  const { today, seed } = options;
  const rng = createRng(hashSeed(seed, 'customer', index));
  const role = roleFor(index, rng);
  const habit = habitOf(role);
  const id = index + 1;

  // Identity
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
  const isNew = habit === 'new';
  const establishedOn = isNew
    ? addDays(today, -rng.int(120, 700))
    : addDays(today, -rng.int(3 * 365, 40 * 365));
  const termsDays = rng.pick([30, 30, 30, 30, 30, 30, 45, 45, 60, 15]);
  const marginPct = rng.int(800, 4500) / 100;

  // Size: a heavy-tailed monthly spend gives the usual 80/20 concentration of receivables.
  const bigAccount = role === 'slowing_payer' || role === 'broken_promise' || isAcme;
  const monthlySpend = bigAccount ? rng.logNormal(60_000, 0.4) : rng.logNormal(7_000, 1.2);
  const perMonth = (DEMO_SIZES[options.size].invoicesPerCustomer / 24) * Math.min(4, rng.logNormal(1, 0.5));
  const typicalInvoice = monthlySpend / perMonth;

  // Activity window: established customers were active over the last 24 months (some joined later).
  const firstDay = isNew
    ? addDays(today, -rng.int(25, 80))
    : rng.chance(0.15)
      ? addDays(today, -rng.int(200, 700))
      : addDays(today, -730 + rng.int(0, 20));

  const collector = rng.chance(0.1) && !isAcme ? null : (collectors[index % collectors.length] ?? null);
  const collectorId = collector?.id ?? null;
  const actor = collector?.code ?? 'system';

  // Invoices and the orders behind them, with payments by habit.
  const invoices: InvoiceRow[] = [];
  const gap = 30 / perMonth;
  let day = firstDay;
  let firstOrderOn: IsoDate | null = null;
  let n = 0;
  const newAmount = (scale = 1) => cents(typicalInvoice * scale * Math.exp(rng.normal(0, 0.3)));
  while (daysBetween(day, today) > 0) {
    // A new customer that is about to place a large order has only a couple of small ones first.
    const scale = role === 'new_customer_large_order' ? 0.5 : 1;
    const amount = newAmount(scale);
    const orderDate = day;
    firstOrderOn ??= orderDate;
    const orderId = ++seq.order;
    out.orders.push({
      id: orderId,
      number: `SO-${String(1_000_000 + orderId)}`,
      customerId: id,
      orderDate,
      amount: money(amount),
      marginPct: marginPct.toFixed(2),
      status: 'invoiced',
    });
    const issueDate = addDays(orderDate, rng.int(0, 3));
    if (daysBetween(issueDate, today) <= 0) break;
    const invoiceId = ++seq.invoice;
    const invoice: InvoiceRow = {
      id: invoiceId,
      number: `INV-${String(1_000_000 + invoiceId)}`,
      customerId: id,
      orderId,
      issueDate,
      dueDate: addDays(issueDate, termsDays),
      deliveryDate: addDays(issueDate, -rng.int(0, 2)),
      amount: money(amount),
      openAmount: money(amount),
      status: 'open',
      paidOn: null,
      disputed: false,
    };
    invoices.push(invoice);
    out.invoices.push(invoice);
    const age = daysBetween(issueDate, today);
    const daysToPay = payDelay(habit, role, termsDays, age, n, rng);
    if (daysToPay !== null) {
      const paidOn = businessDay(addDays(issueDate, daysToPay));
      if (daysBetween(paidOn, today) >= 0) {
        // Erratic payers sometimes pay half first and the rest weeks later.
        if (habit === 'erratic' && rng.chance(0.25)) {
          const half = Math.round(amount / 2);
          const secondOn = businessDay(addDays(paidOn, rng.int(10, 40)));
          pay(out, seq, invoice, half, paidOn);
          if (daysBetween(secondOn, today) >= 0) pay(out, seq, invoice, amount - half, secondOn);
          invoice.openAmount = money(daysBetween(secondOn, today) >= 0 ? 0 : amount - half);
          if (daysBetween(secondOn, today) >= 0) close(invoice, secondOn);
        } else {
          pay(out, seq, invoice, amount, paidOn);
          invoice.openAmount = '0.00';
          close(invoice, paidOn);
        }
      }
    }
    n++;
    day = addDays(day, Math.max(3, Math.round(gap * Math.exp(rng.normal(0, 0.25)))));
  }

  const planted = (what: Planted) => {
    out.planted[what] ??= [];
    out.planted[what].push(code);
  };
  if (role !== 'late' && role !== 'erratic' && role !== 'prompt') {
    if (!isAcme) planted(role as Planted);
  }

  // Open orders not invoiced yet; planted anomalies live here ("call before invoicing").
  const openOrder = (amount: Cents, daysAgo: number) => {
    const orderId = ++seq.order;
    out.orders.push({
      id: orderId,
      number: `SO-${String(1_000_000 + orderId)}`,
      customerId: id,
      orderDate: addDays(today, -daysAgo),
      amount: money(amount),
      marginPct: marginPct.toFixed(2),
      status: 'open',
    });
    firstOrderOn ??= addDays(today, -daysAgo);
  };
  if (role === 'new_customer_large_order') openOrder(cents(rng.int(180_000, 320_000)), rng.int(0, 2));
  else if (role === 'unusual_order') openOrder(cents(typicalInvoice * rng.int(9, 14)), rng.int(0, 3));
  else if (rng.chance(0.12)) openOrder(newAmount(), rng.int(0, 4));

  const openAr = invoices.reduce((sum, inv) => sum + Math.round(Number(inv.openAmount) * 100), 0);
  const creditLimit =
    role === 'credit_limit'
      ? Math.max(100_000, Math.floor((openAr * 0.7) / 100_000) * 100_000)
      : Math.max(500_000, Math.ceil((monthlySpend * 100 * 4) / 100_000) * 100_000);
  if (role === 'credit_limit') openOrder(cents(typicalInvoice * 2), 1);

  out.customers.push({
    id,
    code,
    name,
    industry,
    region,
    riskRating,
    establishedOn,
    firstOrderOn,
    creditLimit: money(creditLimit),
    termsDays,
    marginPct: marginPct.toFixed(2),
    expectedDaysToPay:
      habit === 'steady60' ? 60 : habit === 'late' ? termsDays + 15 : habit === 'erratic' ? null : termsDays,
    notes:
      habit === 'steady60'
        ? 'Always pays at 60 days; do not chase before day 60.'
        : isAcme
          ? 'Cheque run on Fridays.'
          : null,
    collectorId,
  });

  generateContacts(id, name, rng, seq, out);
  generateInteractions({ id, code, role, habit, collectorId, actor, invoices, today, rng }, seq, out);
}

function close(invoice: InvoiceRow, paidOn: IsoDate): void {
  invoice.status = 'paid';
  invoice.paidOn = paidOn;
}

function pay(out: DemoBatch, seq: Sequences, invoice: InvoiceRow, amount: Cents, on: IsoDate): void {
  const paymentId = ++seq.payment;
  out.payments.push({
    id: paymentId,
    reference: `PAY-${String(10_000_000 + paymentId)}`,
    customerId: invoice.customerId,
    receivedOn: on,
    amount: money(amount),
  });
  out.applications.push({ id: ++seq.application, paymentId, invoiceId: invoice.id, amount: money(amount) });
}

/** Days from issue to payment by habit; null = not paid (yet). */
function payDelay(
  habit: Habit,
  role: Habit | Planted,
  terms: number,
  age: number,
  n: number,
  rng: Rng,
): number | null {
  switch (habit) {
    case 'prompt':
    case 'new':
      return Math.max(5, Math.round(terms + rng.normal(-3, 4)));
    case 'steady60':
      return Math.round(60 + rng.normal(0, 2));
    case 'late':
      return Math.max(10, Math.round(terms + 15 + rng.normal(0, 7)));
    case 'erratic':
      return Math.max(5, Math.round(terms + Math.abs(rng.normal(0, 30))));
    case 'slowing': {
      // On time until about seven months ago, then steadily slower: the early warning to catch.
      const slowdown = Math.max(0, (210 - age) / 210);
      return Math.max(5, Math.round(terms + rng.normal(0, 3) + slowdown * 40));
    }
    case 'disputer':
      return age < 75 && n % 3 === 0 ? null : Math.max(5, Math.round(terms + rng.normal(2, 5)));
    case 'delinquent':
      if (role === 'never_pays' && age < 200) return null;
      if (age < 110) return null;
      return Math.max(10, Math.round(terms + 25 + rng.normal(0, 8)));
  }
}

function generateContacts(
  customerId: number,
  company: string,
  rng: Rng,
  seq: Sequences,
  out: DemoBatch,
): void {
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

interface InteractionContext {
  id: number;
  code: string;
  role: Habit | Planted;
  habit: Habit;
  collectorId: number | null;
  actor: string;
  invoices: InvoiceRow[];
  today: IsoDate;
  rng: Rng;
}

function generateInteractions(c: InteractionContext, seq: Sequences, out: DemoBatch): void {
  const { today, rng } = c;
  const at = (date: IsoDate, hour: number) =>
    `${date}T${String(hour).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00.000Z`;
  const log = (row: Omit<InteractionRow, 'id' | 'customerId' | 'collectorId' | 'actor'>) => {
    const id = ++seq.interaction;
    out.interactions.push({ id, customerId: c.id, collectorId: c.collectorId, actor: c.actor, ...row });
    return id;
  };
  const overdue = c.invoices.filter((inv) => inv.status === 'open' && daysBetween(inv.dueDate, today) > 0);
  const overdueCents = overdue.reduce((s, inv) => s + Math.round(Number(inv.openAmount) * 100), 0);

  // Ordinary call history for accounts that run late.
  if (overdue.length && (c.habit === 'late' || c.habit === 'erratic' || c.habit === 'delinquent')) {
    for (let k = 0; k < rng.int(1, 3); k++) {
      const date = addDays(today, -rng.int(8, 80));
      const outcome = rng.pick(['voicemail', 'note', 'no_answer'] as const);
      log({
        occurredAt: at(date, rng.int(14, 21)),
        outcome,
        note: outcome === 'note' ? rng.pick(CALL_NOTES) : null,
        amount: null,
        onDate: null,
        invoiceId: null,
      });
    }
  }

  // A kept promise: a payment arrived by the promised date.
  const paidRecently = c.invoices.find(
    (inv) => inv.paidOn && daysBetween(inv.paidOn, today) > 10 && daysBetween(inv.paidOn, today) < 120,
  );
  if (paidRecently?.paidOn && (c.habit === 'late' || c.habit === 'slowing') && rng.chance(0.5)) {
    const promisedOn = addDays(paidRecently.paidOn, -rng.int(3, 9));
    const dueOn = addDays(paidRecently.paidOn, rng.int(0, 2));
    const iid = log({
      occurredAt: at(promisedOn, 15),
      outcome: 'promised',
      note: null,
      amount: paidRecently.amount,
      onDate: dueOn,
      invoiceId: paidRecently.id,
    });
    out.promises.push({
      id: ++seq.promise,
      customerId: c.id,
      collectorId: c.collectorId,
      interactionId: iid,
      amount: paidRecently.amount,
      dueOn,
      status: 'kept',
      coveredAmount: paidRecently.amount,
      actor: c.actor,
    });
  }

  if (c.role === 'broken_promise' && overdueCents > 0) {
    // Two promises, neither kept: escalate now, not at the next age step.
    for (const [made, due] of [
      [40, 30],
      [14, 6],
    ] as const) {
      const amount = money(Math.round(overdueCents / 2));
      const iid = log({
        occurredAt: at(addDays(today, -made), 16),
        outcome: 'promised',
        note: 'AP promised a payment',
        amount,
        onDate: addDays(today, -due),
        invoiceId: null,
      });
      out.promises.push({
        id: ++seq.promise,
        customerId: c.id,
        collectorId: c.collectorId,
        interactionId: iid,
        amount,
        dueOn: addDays(today, -due),
        status: 'broken',
        coveredAmount: '0.00',
        actor: c.actor,
      });
    }
  }

  if (c.role === 'dispute') {
    for (const inv of c.invoices.filter((i) => i.status === 'open').slice(-2)) {
      inv.disputed = true;
      const reason = rng.pick(DISPUTE_REASONS);
      const raisedAfter = Math.min(rng.int(5, 20), Math.max(0, daysBetween(inv.issueDate, today) - 1));
      const openedAt = at(addDays(inv.issueDate, raisedAfter), 15);
      const iid = log({
        occurredAt: openedAt,
        outcome: 'disputed',
        note: reason,
        amount: null,
        onDate: null,
        invoiceId: inv.id,
      });
      out.disputes.push({
        id: ++seq.dispute,
        customerId: c.id,
        invoiceId: inv.id,
        interactionId: iid,
        reason,
        openedAt,
        actor: c.actor,
      });
    }
  }

  if (c.role === 'callback_today') {
    log({
      occurredAt: at(addDays(today, -3), 17),
      outcome: 'callback',
      note: 'controller asked to call back',
      amount: null,
      onDate: today,
      invoiceId: null,
    });
  }

  if (c.role === 'no_answer_streak') {
    for (const daysAgo of [12, 8, 4]) {
      log({
        occurredAt: at(addDays(today, -daysAgo), rng.int(14, 20)),
        outcome: 'no_answer',
        note: null,
        amount: null,
        onDate: null,
        invoiceId: null,
      });
    }
  }
}
