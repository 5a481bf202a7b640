// The lateness model for one customer on one day: for each open invoice, p = P(paid more than L
// days past due, or never | still unpaid at its age), and the account's expected late dollars
// Σ open × p. The customer's own year of payments (recent and large invoices weigh more, with its
// trend projected to today) is shrunk toward its peers' in proportion to how much of it there is;
// an invoice already more than L days past due is late (p = 1). Money at the agency step is not
// the callers' any more: it is counted apart and adds nothing to the expected late dollars.
import type { Cents } from '../../money.ts';
import { type LateSample, sampleSurvival, totalWeight } from './late-survival.ts';
import type { LatenessSettings } from './lateness-settings.ts';
import {
  type DaysLateBin,
  daysLateBins,
  type PayHistory,
  recency,
  type TrendMoments,
} from './pay-history.ts';
import { type PeerPrior, priorAt } from './peer-priors.ts';

export interface OpenInvoice {
  id: number;
  /** Days past due on the day (negative: not due yet). */
  dpd: number;
  cents: Cents;
}

/**
 * Odds of an open invoice from outside the model, given the model's p: a what-if that replays the
 * list with other probabilities (bench:ceiling gives it the demo generator's own law).
 */
export type InvoiceOdds = (invoice: OpenInvoice, p: number) => number;

export interface LatenessSubject {
  history: PayHistory;
  open: readonly OpenInvoice[];
  /** An open promise not yet due: its amount covers the oldest invoices first. */
  pendingPromiseCents?: Cents | undefined;
  /** The customer's share of promises kept (already shrunk toward the company's), 0–1. */
  promiseKeptRate?: number | undefined;
  /** `ownSample` of this subject, when the caller already has it (a day's plan computes it for the priors). */
  own?: LateSample | undefined;
  /** Replaces each invoice's p when given (never in the product: a what-if for analysis). */
  odds?: InvoiceOdds | undefined;
}

export interface InvoiceLateness extends OpenInvoice {
  p: number;
}

export interface LatenessAssessment {
  invoices: InvoiceLateness[];
  /** Σ open × p over the money still with the callers (below the agency step), whole cents. */
  expectedLateCents: Cents;
  callableCents: Cents;
  /** Money at the agency step (days past due ≥ the ladder's agency mark). */
  agencyCents: Cents;
  agencyInvoices: number;
  /** Expected late dollars ÷ callable open money: the account's late probability. */
  probability: number;
  /** How much of the estimate is the customer's own history (0–1), the rest its peers'. */
  ownShare: number;
  /** Trend projected to today, in days (positive: paying later than its year's average). */
  trendDays: number;
  /** Open invoices already more than L days past due. */
  lateOpen: number;
}

/** The shift of a customer's past points to today: the weighted slope of days late over time. */
export function trendShift(moments: TrendMoments | null, count: number, settings: LatenessSettings): number {
  if (!moments || count < 3 || moments.w <= 0 || settings.trendWeight === 0) return 0;
  const tMean = moments.wt / moments.w;
  const xMean = moments.wx / moments.w;
  const varT = moments.wtt / moments.w - tMean * tMean;
  if (varT <= 1) return 0;
  const slope = (moments.wtx / moments.w - tMean * xMean) / varT; // days late per day of age
  // The fitted line at age 0 minus its mean, damped for short histories, never beyond ±L.
  const shift = settings.trendWeight * (-slope * tMean) * (count / (count + 4));
  return Math.max(-settings.lateDays, Math.min(settings.lateDays, shift));
}

/**
 * The customer's own evidence as a sample: its settled year plus the open invoices already late
 * (still unpaid more than L days past due: late whatever happens next), weighted like the rest.
 */
export function ownSample(
  subject: Pick<LatenessSubject, 'history' | 'open'>,
  settings: LatenessSettings,
): LateSample {
  return {
    binWeights: subject.history.binWeights,
    lateWeight: lateOpenWeight(subject, settings, subject.history.lateWeight),
  };
}

/** `start` plus the weight of the open invoices already more than L days past due. */
export function lateOpenWeight(
  subject: Pick<LatenessSubject, 'history' | 'open'>,
  settings: LatenessSettings,
  start: number,
): number {
  const { history, open } = subject;
  const L = settings.lateDays;
  let lateWeight = start;
  // A plain loop: this runs for every account twice a day's plan (priors, then the assessment).
  let mean = -1;
  for (const inv of open) {
    if (inv.dpd <= L) continue;
    if (mean < 0)
      mean = history.meanCents ?? open.reduce((s, i) => s + i.cents, 0) / Math.max(1, open.length);
    lateWeight += (inv.cents / Math.max(1, mean)) * recency(inv.dpd - L, settings.halfLifeDays);
  }
  return lateWeight;
}

/** The customer's survival shrunk toward its peers': S(t) = (n · own(t) + k · prior(t)) / (n + k). */
interface Blend {
  own: LateSample;
  n: number;
  k: number;
  prior: PeerPrior;
  bins: readonly DaysLateBin[];
  h: number;
  shift: number;
}

/** S(t) of a blend, evaluated only where needed (a module function, not a closure per account). */
function survival(b: Blend, t: number): number {
  return b.n + b.k > 0
    ? (b.n * sampleSurvival(b.own, b.bins, t, b.h, b.shift) + b.k * priorAt(b.prior, t)) / (b.n + b.k)
    : priorAt(b.prior, t);
}

export function assessLateness(
  subject: LatenessSubject,
  prior: PeerPrior,
  settings: LatenessSettings,
  agencyDays: number,
): LatenessAssessment {
  const invoices: InvoiceLateness[] = [];
  return { invoices, ...lateTotals(subject, prior, settings, agencyDays, invoices) };
}

/**
 * The assessment without its per-invoice list (a day's plan needs the totals of every account and
 * the invoices of the few it shows); `invoices`, when given, receives each open invoice's p.
 */
export function lateTotals(
  subject: LatenessSubject,
  prior: PeerPrior,
  settings: LatenessSettings,
  agencyDays: number,
  invoices?: InvoiceLateness[],
): Omit<LatenessAssessment, 'invoices'> {
  const L = settings.lateDays;
  const own = subject.own ?? ownSample(subject, settings);
  const n = totalWeight(own);
  const shift = trendShift(subject.history.trend, subject.history.count, settings);
  const bins = daysLateBins(L);
  const h = settings.spreadFloorDays;
  // With no history of its own a customer is its peers: any positive weight gives exactly the prior,
  // and a vanishing one (shrinkage 0, or so small that its product underflows) would give 0/0.
  const k = n > 0 ? settings.shrinkage : 1;
  const blend: Blend = { own, n, k, prior, bins, h, shift };
  const sL = survival(blend, L);
  const promised = promiseCover(subject);
  let expected = 0;
  let callableCents = 0;
  let agencyCents = 0;
  let agencyInvoices = 0;
  let lateOpen = 0;
  for (let i = 0; i < subject.open.length; i++) {
    const inv = subject.open[i]!;
    let p = inv.dpd > L ? 1 : Math.min(1, sL / Math.max(sL, survival(blend, inv.dpd)));
    // However clean a history, a customer can stop paying: no invoice is ever safer than that.
    p = settings.surpriseRate + (1 - settings.surpriseRate) * p;
    // A promise not yet due lowers the odds by the customer's record of keeping promises.
    const covered = promised?.[i] ?? 0;
    if (covered > 0 && inv.dpd <= L) p *= 1 - covered * (subject.promiseKeptRate ?? 0);
    if (subject.odds) p = subject.odds(inv, p);
    // A plain literal: a day's plan makes one per open invoice of every account.
    invoices?.push({ id: inv.id, dpd: inv.dpd, cents: inv.cents, p });
    if (inv.dpd > L) lateOpen++;
    if (inv.dpd >= agencyDays) {
      agencyCents += inv.cents;
      agencyInvoices++;
    } else {
      callableCents += inv.cents;
      expected += inv.cents * p;
    }
  }
  const expectedLateCents = Math.round(expected);
  return {
    expectedLateCents,
    callableCents,
    agencyCents,
    agencyInvoices,
    probability: callableCents > 0 ? expected / callableCents : 0,
    ownShare: n > 0 ? n / (n + k) : 0,
    trendDays: shift,
    lateOpen,
  };
}

/** The share (0–1) of each open invoice a pending promise covers, the most overdue first; null: none. */
function promiseCover(subject: LatenessSubject): number[] | null {
  let left = subject.pendingPromiseCents ?? 0;
  if (left <= 0) return null;
  const cover = subject.open.map(() => 0);
  const order = subject.open.map((_, i) => i).sort((a, b) => subject.open[b]!.dpd - subject.open[a]!.dpd);
  for (const i of order) {
    const cents = subject.open[i]!.cents;
    if (left <= 0 || cents <= 0) break;
    const take = Math.min(left, cents);
    cover[i] = take / cents;
    left -= take;
  }
  return cover;
}

/** A customer's promise-kept rate, shrunk toward the company's by `promisePrior` pseudo-promises. */
export function promiseKeptRate(
  record: { kept: number; broken: number },
  companyRate: number,
  settings: LatenessSettings,
): number {
  const k = settings.promisePrior;
  const total = record.kept + record.broken;
  return total + k > 0 ? (record.kept + k * companyRate) / (total + k) : companyRate;
}
