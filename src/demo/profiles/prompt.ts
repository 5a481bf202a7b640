// The `prompt` profile: a second, differently shaped history, so that what the product learns and
// reports is not tuned to one synthetic company (`callsheet demo --profile prompt`). Most customers
// pay on time on 45-day terms; few promises are broken. When each invoice is paid follows from
// traits drawn per customer, with noise per invoice, not from a table of habits:
//
// - a habit of paying a few days either side of the due date; larger buyers stretch a little, and
//   a few customers (more in risky industries and regions) are chronically slow;
// - how much one invoice strays from that habit, wider for riskier customers;
// - a payment run: a weekly cheque run on a fixed weekday, a monthly run on a fixed day (the run
//   nearest the day it means to pay; one remittance covers all the invoices a run pays), or each
//   invoice as it is approved;
// - for a few, a drift: from some day on each month adds days of lateness, up to two months;
// - for fewer, a day they stop paying (orders stop some weeks later, on credit hold);
// - some pay short now and then and settle the deduction weeks later;
// - and, company-wide, invoices due over the year-end holidays are paid a few days later.
//
// The planted behaviours (rows.ts: Planted) are each given to one of the first customers, and the
// quiet ones (disputes, new customers, unusual orders…) to a few more at random; a planted
// customer's traits are set so that its behaviour is there to find. Pure: rows out, no I/O.
import { addDays, addMonths, daysBetween, type IsoDate, weekday } from '../../domain/calendar.ts';
import type { Cents } from '../../domain/money.ts';
import {
  assignCollector,
  businessDay,
  type Company,
  drawEstablishedOn,
  drawFirstDay,
  drawIdentity,
  finishCustomer,
  type Identity,
  type Instalment,
  newLedger,
  type ProfileSpec,
  spending,
  writeInvoices,
} from '../ledger.ts';
import { createRng, hashSeed, type Rng } from '../random.ts';
import {
  type CollectorRow,
  type DemoOptions,
  type DemoSize,
  type DemoSizeSpec,
  type InvoiceRow,
  PLANTED,
  type Planted,
} from '../rows.ts';

/** 300 customers by default (medium); a small one for tests and a large one ten times the default. */
export const PROMPT_SIZES: Record<DemoSize, DemoSizeSpec> = {
  small: { customers: 100, collectors: 1, invoicesPerCustomer: 24 },
  medium: { customers: 300, collectors: 2, invoicesPerCustomer: 24 },
  large: { customers: 3000, collectors: 10, invoicesPerCustomer: 24 },
};

/** Payment terms: 45 days for seven customers in ten, else 30 or 60. */
export const PROMPT_TERMS: readonly (readonly [days: number, weight: number])[] = [
  [45, 14],
  [30, 3],
  [60, 3],
];

/** Beyond those, the quiet behaviours turn up at random: new customers, disputes, odd orders. */
const RANDOM_ROLES: readonly (readonly [Planted, number])[] = [
  ['new_customer_normal', 0.03],
  ['new_customer_large_order', 0.003],
  ['dispute', 0.01],
  ['unusual_order', 0.005],
  ['always_60_days', 0.01],
];

/** Customers 1 to 11 (after Acme Corp) carry one planted behaviour each; then a few at random. */
function roleFor(index: number, rng: Rng): Planted | null {
  if (index === 0) return null;
  const forced = PLANTED[index - 1];
  if (forced) return forced;
  let r = rng.next();
  for (const [role, share] of RANDOM_ROLES) {
    if (r < share) return role;
    r -= share;
  }
  return null;
}

/** A customer pays on a weekly cheque run, a monthly one, or each invoice as it is approved. */
type PaymentRun =
  | { every: 'week'; weekday: number }
  | { every: 'month'; day: number }
  | { every: 'approval' };

interface Traits {
  termsDays: number;
  /** Days past due it habitually pays at (negative: before the due date). */
  habitDays: number;
  /** How far one invoice's payment strays from the habit (standard deviation, days). */
  spreadDays: number;
  run: PaymentRun;
  /** From `from` on, each 30 days add `daysPerMonth` days of lateness (at most MAX_DRIFT_DAYS). */
  drift: { from: IsoDate; daysPerMonth: number } | null;
  /** Nothing is paid from this day on; orders stop some weeks later. */
  stoppedOn: IsoDate | null;
  /** Chance that an invoice is paid short, the deduction settled weeks later. */
  shortPay: number;
  /** Chance that an invoice of the last 75 days is held back (disputed). */
  withhold: number;
}

const MAX_DRIFT_DAYS = 60;
/** The monthly spend of a typical (median) customer, dollars. */
const MEDIAN_SPEND = 8_000;

function weighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  let r = rng.next() * items.reduce((s, [, w]) => s + w, 0);
  for (const [item, w] of items) {
    if (r < w) return item;
    r -= w;
  }
  return items[items.length - 1]![0];
}

function drawRun(rng: Rng): PaymentRun {
  const r = rng.next();
  if (r < 0.35) return { every: 'week', weekday: rng.int(1, 5) };
  if (r < 0.55) return { every: 'month', day: rng.pick([5, 10, 15, 20, 25]) };
  return { every: 'approval' };
}

/** The traits of an ordinary customer, from its risk rating and size, with chance. */
function drawTraits(who: Identity, monthlySpend: number, isNew: boolean, today: IsoDate, rng: Rng): Traits {
  const risk = who.riskRating;
  const sizeLean = Math.min(4, Math.max(-2, 1.5 * Math.log2(monthlySpend / MEDIAN_SPEND)));
  const chronic = rng.chance(0.012 * risk) ? rng.int(12, 35) : 0;
  const traits: Traits = {
    termsDays: weighted(rng, PROMPT_TERMS),
    habitDays: rng.normal(-2, 3) + sizeLean + chronic,
    spreadDays: rng.logNormal(2.5, 0.4) * (1 + 0.15 * (risk - 1)),
    run: drawRun(rng),
    drift: null,
    stoppedOn: null,
    shortPay: rng.chance(0.15) ? 0.1 : 0,
    withhold: 0,
  };
  // A short history has had no time to drift or stop.
  if (!isNew && rng.chance(0.015 * risk)) {
    traits.drift = { from: addDays(today, -rng.int(60, 540)), daysPerMonth: 1.5 + 3.5 * rng.next() };
  }
  if (!isNew && rng.chance(0.003 * risk)) traits.stoppedOn = addDays(today, -rng.int(45, 300));
  return traits;
}

/** A planted behaviour, or Acme Corp, sets the traits that make it what it is. */
function plantTraits(role: Planted | null, who: Identity, t: Traits, today: IsoDate, rng: Rng): void {
  const steady = () => {
    t.run = { every: 'approval' };
    t.spreadDays = 2;
    t.drift = null;
    t.stoppedOn = null;
  };
  if (who.isAcme) {
    // A large account a few days slow, on its Friday cheque run.
    Object.assign(t, { termsDays: 45, habitDays: 4, spreadDays: 3, drift: null, stoppedOn: null });
    t.run = { every: 'week', weekday: 5 };
  }
  switch (role) {
    case 'slowing_payer':
      // On time until about eight months ago, then 48 days slower by now.
      steady();
      t.habitDays = rng.normal(-2, 2);
      t.drift = { from: addDays(today, -240), daysPerMonth: 6 };
      break;
    case 'broken_promise':
      t.stoppedOn = addDays(today, -rng.int(95, 130));
      break;
    case 'never_pays':
      t.stoppedOn = addDays(today, -rng.int(200, 260));
      break;
    case 'no_answer_streak':
      t.stoppedOn = addDays(today, -rng.int(70, 120));
      break;
    case 'credit_limit':
    case 'callback_today':
      // Slow enough to owe money past due.
      t.habitDays = rng.int(12, 25);
      t.stoppedOn = null;
      break;
    case 'always_60_days':
      steady();
      t.termsDays = 45;
      t.habitDays = 60 - 45;
      break;
    case 'dispute':
      t.withhold = 0.5;
      break;
  }
}

/** Days of drift an invoice issued on `issued` carries. */
function driftDays(t: Traits, issued: IsoDate): number {
  if (!t.drift) return 0;
  const days = (t.drift.daysPerMonth * Math.max(0, daysBetween(t.drift.from, issued))) / 30;
  return Math.min(MAX_DRIFT_DAYS, days);
}

/** Invoices due over the year-end holidays (15 December to 10 January) wait a few days more. */
function yearEndDays(due: IsoDate): number {
  const md = due.slice(5);
  return md >= '12-15' || md <= '01-10' ? 5 : 0;
}

/** The run day nearest `date` (the later one on a tie), and not before `earliest`. */
function runDay(date: IsoDate, earliest: IsoDate, run: PaymentRun): IsoDate {
  if (run.every === 'approval') return date;
  let next: IsoDate;
  let previous: IsoDate;
  if (run.every === 'week') {
    next = addDays(date, (run.weekday - weekday(date) + 7) % 7);
    previous = next === date ? date : addDays(next, -7);
  } else {
    const inMonth = `${date.slice(0, 8)}${String(run.day).padStart(2, '0')}`;
    next = Number(date.slice(8)) <= run.day ? inMonth : addMonths(inMonth, 1);
    previous = next === date ? date : addMonths(next, -1);
  }
  const nearer = daysBetween(previous, date) < daysBetween(date, next) ? previous : next;
  return daysBetween(earliest, nearer) >= 0 ? nearer : next;
}

/** When (and how) an invoice is paid, from the customer's traits and chance; none if never. */
function settle(t: Traits, invoice: InvoiceRow, amount: Cents, today: IsoDate, rng: Rng): Instalment[] {
  if (t.withhold && daysBetween(invoice.issueDate, today) < 75 && rng.chance(t.withhold)) return [];
  const lateDays =
    t.habitDays +
    rng.normal(0, t.spreadDays) +
    driftDays(t, invoice.issueDate) +
    yearEndDays(invoice.dueDate);
  const earliest = addDays(invoice.issueDate, 3);
  const intended = addDays(invoice.dueDate, Math.round(lateDays));
  const on = businessDay(runDay(daysBetween(earliest, intended) > 0 ? intended : earliest, earliest, t.run));
  const parts: Instalment[] = [{ on, amount }];
  if (rng.chance(t.shortPay)) {
    const deduction = Math.round(amount * (0.02 + 0.06 * rng.next()));
    parts[0] = { on, amount: amount - deduction };
    parts.push({ on: businessDay(addDays(on, rng.int(20, 60))), amount: deduction });
  }
  const { stoppedOn } = t;
  return stoppedOn ? parts.filter((p) => daysBetween(p.on, stoppedOn) > 0) : parts;
}

function writePromptCustomer(
  index: number,
  options: DemoOptions,
  collectors: readonly CollectorRow[],
  company: Company,
): void {
  const { today, seed, size } = options;
  const rng = createRng(hashSeed(seed, 'prompt', index));
  const w = { ...company, today, rng };
  const role = roleFor(index, rng);
  const isNew = role === 'new_customer_large_order' || role === 'new_customer_normal';
  const who = drawIdentity(index, rng, company.usedCodes);
  const establishedOn = drawEstablishedOn(isNew, today, rng);
  const marginPct = rng.int(800, 4500) / 100;

  // Size: a heavy-tailed monthly spend; the planted accounts that need it are large.
  const bigAccount = role === 'slowing_payer' || role === 'broken_promise' || who.isAcme;
  const drawn = bigAccount ? rng.logNormal(60_000, 0.4) : rng.logNormal(MEDIAN_SPEND, 1.1);
  const monthlySpend = role === 'unusual_order' ? Math.max(drawn, 15_000) : drawn;
  const frequency = Math.min(3, Math.max(0.35, rng.logNormal(1, 0.5)));
  // The planted behaviours read against a customer's own history need a regular one.
  const regular = role === 'unusual_order' || role === 'slowing_payer';
  const perMonth =
    (PROMPT_SIZES[size].invoicesPerCustomer / 24) * (regular ? Math.max(1, frequency) : frequency);
  const spend = spending(role, monthlySpend, perMonth, rng);

  const traits = drawTraits(who, monthlySpend, isNew, today, rng);
  plantTraits(role, who, traits, today, rng);
  const firstDay = drawFirstDay(isNew, today, rng);
  // A customer that stopped paying is put on credit hold some weeks later.
  const lastDay = traits.stoppedOn ? addDays(traits.stoppedOn, rng.int(20, 75)) : today;
  const { collectorId, actor } = assignCollector(index, who.isAcme, rng, collectors);

  const ledger = newLedger(who, marginPct);
  writeInvoices(w, ledger, {
    firstDay,
    lastDay: daysBetween(lastDay, today) > 0 ? lastDay : today,
    termsDays: traits.termsDays,
    spend,
    settle: (invoice, amount) => settle(traits, invoice, amount, today, rng),
    remittances: traits.run.every !== 'approval',
  });
  finishCustomer(w, ledger, {
    role,
    spend,
    establishedOn,
    termsDays: traits.termsDays,
    // What the team expects: a known slow payer's usual days, else its terms.
    expectedDaysToPay:
      traits.habitDays >= 10 ? traits.termsDays + Math.round(traits.habitDays) : traits.termsDays,
    collectorId,
    actor,
    // Called about invoices more than ten days past due; those who pay late now make promises.
    chased: ledger.invoices.some((inv) => inv.status === 'open' && daysBetween(inv.dueDate, today) > 10),
    promises: traits.habitDays + driftDays(traits, today) >= 10,
  });
}

export const PROMPT_PROFILE: ProfileSpec = {
  summary:
    'mostly prompt payers on 45-day terms (300 customers in the medium size); a few drift late or stop paying',
  sizes: PROMPT_SIZES,
  writeCustomer: writePromptCustomer,
};
