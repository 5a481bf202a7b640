// The demo company: a deterministic, realistic receivables ledger relative to an anchor day
// ("today"), so this morning's sheet is always current, in one of two shapes of history (profiles).
// This file is the entry point and the default profile, `mixed`: customers follow payment habits
// (prompt, always-at-60-days, late, erratic, slowing, disputing, delinquent, new) and a few carry
// planted behaviours that the engine and the alert scans must find. The `prompt` profile, a second
// history of mostly prompt payers, is in profiles/prompt.ts; both write their rows through
// ledger.ts. Pure: rows out, no I/O.
import { addDays, daysBetween, type IsoDate } from '../domain/calendar.ts';
import type { Cents } from '../domain/money.ts';
import {
  assignCollector,
  businessDay,
  type Company,
  collectorRows,
  customerBatches,
  drawEstablishedOn,
  drawFirstDay,
  drawIdentity,
  finishCustomer,
  type Instalment,
  newLedger,
  type ProfileSpec,
  spending,
  writeInvoices,
} from './ledger.ts';
import { PROMPT_PROFILE } from './profiles/prompt.ts';
import { createRng, hashSeed, type Rng } from './random.ts';
import {
  type CollectorRow,
  type DemoBatch,
  type DemoOptions,
  type DemoProfile,
  type DemoSize,
  type DemoSizeSpec,
  type InvoiceRow,
  PLANTED,
  type Planted,
} from './rows.ts';

// The row types are in rows.ts; these are re-exported for the demo's callers.
export type { DemoBatch, DemoOptions, DemoProfile, DemoSize, Planted } from './rows.ts';

/** The sizes of the default (`mixed`) company. */
export const DEMO_SIZES: Record<DemoSize, DemoSizeSpec> = {
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

const MIXED_PROFILE: ProfileSpec = {
  summary:
    'the default, a mix of payment habits: about half the customers pay late, erratically or not at all',
  sizes: DEMO_SIZES,
  writeCustomer: generateCustomer,
};

export const DEMO_PROFILES: Record<DemoProfile, ProfileSpec> = {
  mixed: MIXED_PROFILE,
  prompt: PROMPT_PROFILE,
};

/** The collections team of a profile's company of this size. */
export function demoCollectors(size: DemoSize, profile: DemoProfile = 'mixed'): CollectorRow[] {
  return collectorRows(DEMO_PROFILES[profile].sizes[size].collectors);
}

/** Generates the company in batches of customers, each with all the rows that belong to it. */
export function* demoBatches(options: DemoOptions, batchSize = 1000): Generator<DemoBatch> {
  const profile = DEMO_PROFILES[options.profile ?? 'mixed'];
  const collectors = demoCollectors(options.size, options.profile).filter((c) => c.role === 'collector');
  yield* customerBatches(profile.sizes[options.size].customers, batchSize, (index, company) =>
    profile.writeCustomer(index, options, collectors, company),
  );
}

/** Which behaviour each of the first customers carries, so even the small demo has them all (twice). */
const FORCED: readonly (Habit | Planted)[] = [
  'late', // ACME
  ...PLANTED,
  ...PLANTED,
];

/** Customer `index`'s habit or planted behaviour: the first draw of its own generator. */
export function roleFor(index: number, rng: Rng): Habit | Planted {
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

/** The payment habit behind a role (a planted behaviour pays like one of the habits). */
export function habitOf(role: Habit | Planted): Habit {
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

function isPlanted(role: Habit | Planted): role is Planted {
  return habitOf(role) !== role;
}

function generateCustomer(
  index: number,
  options: DemoOptions,
  collectors: readonly CollectorRow[],
  company: Company,
): void {
  const { today, seed } = options;
  const rng = createRng(hashSeed(seed, 'customer', index));
  const w = { ...company, today, rng };
  const role = roleFor(index, rng);
  const habit = habitOf(role);
  const planted = isPlanted(role) ? role : null;

  const who = drawIdentity(index, rng, company.usedCodes);
  const isNew = habit === 'new';
  const establishedOn = drawEstablishedOn(isNew, today, rng);
  const termsDays = rng.pick([30, 30, 30, 30, 30, 30, 45, 45, 60, 15]);
  const marginPct = rng.int(800, 4500) / 100;

  // Size: a heavy-tailed monthly spend gives the usual 80/20 concentration of receivables.
  const bigAccount = role === 'slowing_payer' || role === 'broken_promise' || who.isAcme;
  const monthlySpend = bigAccount ? rng.logNormal(60_000, 0.4) : rng.logNormal(7_000, 1.2);
  const perMonth = (DEMO_SIZES[options.size].invoicesPerCustomer / 24) * Math.min(4, rng.logNormal(1, 0.5));
  const spend = spending(planted, monthlySpend, perMonth, rng);

  const firstDay = drawFirstDay(isNew, today, rng);
  const { collectorId, actor } = assignCollector(index, who.isAcme, rng, collectors);

  // Invoices and the orders behind them, with payments by habit.
  const ledger = newLedger(who, marginPct);
  writeInvoices(w, ledger, {
    firstDay,
    lastDay: today,
    termsDays,
    spend,
    settle: (invoice, amount, n) => settle(habit, role, termsDays, invoice, amount, n, rng, today),
    remittances: false,
  });
  finishCustomer(w, ledger, {
    role: planted,
    spend,
    establishedOn,
    termsDays,
    expectedDaysToPay:
      habit === 'steady60' ? 60 : habit === 'late' ? termsDays + 15 : habit === 'erratic' ? null : termsDays,
    collectorId,
    actor,
    chased: habit === 'late' || habit === 'erratic' || habit === 'delinquent',
    promises: habit === 'late' || habit === 'slowing',
  });
}

/** An invoice's payments by habit: erratic payers sometimes pay half first and the rest weeks later. */
function settle(
  habit: Habit,
  role: Habit | Planted,
  terms: number,
  invoice: InvoiceRow,
  amount: Cents,
  n: number,
  rng: Rng,
  today: IsoDate,
): Instalment[] {
  const daysToPay = payDelay(habit, role, terms, daysBetween(invoice.issueDate, today), n, rng);
  if (daysToPay === null) return [];
  const paidOn = businessDay(addDays(invoice.issueDate, daysToPay));
  if (daysBetween(paidOn, today) < 0) return [];
  if (habit === 'erratic' && rng.chance(0.25)) {
    const half = Math.round(amount / 2);
    const secondOn = businessDay(addDays(paidOn, rng.int(10, 40)));
    return [
      { on: paidOn, amount: half },
      { on: secondOn, amount: amount - half },
    ];
  }
  return [{ on: paidOn, amount }];
}

/** Days from issue to payment by habit; null = not paid (yet). */
export function payDelay(
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
