// What the lateness model knows of a customer's past: the invoices it settled in the last year,
// summarised as weighted points of "days late" (paid on minus due date) in bins narrow enough near
// the late threshold to condition on an invoice's age, so a customer with a thousand invoices costs
// no more to assess than one with ten.

/** A bin of days late: values in (from, to]; `from` null = no lower bound. */
export interface DaysLateBin {
  from: number | null;
  to: number;
  /** The value the bin's weight stands at (the mean of its whole days). */
  at: number;
}

const binsOf = new Map<number, readonly DaysLateBin[]>();

/** Bins from "paid well early" up to the late threshold L; what is paid later than L is one mass. */
export function daysLateBins(lateDays: number): readonly DaysLateBin[] {
  let bins = binsOf.get(lateDays);
  if (!bins) {
    if (binsOf.size >= 64) binsOf.clear();
    bins = makeBins(lateDays);
    binsOf.set(lateDays, bins);
  }
  return bins;
}

function makeBins(lateDays: number): DaysLateBin[] {
  const step = Math.max(1, Math.round(lateDays / 10));
  const edges = [-4 * step, -2 * step, -step, 0];
  for (let e = step; e < lateDays; e += step) edges.push(e);
  edges.push(lateDays);
  return edges.map((to, k) => {
    const from = k === 0 ? null : edges[k - 1]!;
    return { from, to, at: from === null ? to - step : (from + 1 + to) / 2 };
  });
}

/** Weighted moments of days late (x) against days before the as-of day (t), for the trend. */
export interface TrendMoments {
  w: number;
  wt: number;
  wx: number;
  wtt: number;
  wtx: number;
}

/**
 * A customer's settled invoices of the last 12 months. Weights are amount × recency (halving every
 * `halfLifeDays`) divided by the customer's mean invoice amount, so they add up to about a
 * recency-discounted count of invoices, and a large invoice counts more than a small one.
 */
export interface PayHistory {
  /** Weight per bin of `daysLateBins(L)`, in the same order (one array kind for every customer). */
  binWeights: Float64Array;
  /** Weight of the invoices paid more than L days late. */
  lateWeight: number;
  /** Settled invoices counted, and their plain mean days late (for the explanation). */
  count: number;
  meanDaysLate: number | null;
  /** Mean amount of those invoices in cents (normalises the weight of open invoices). */
  meanCents: number | null;
  trend: TrendMoments | null;
}

export const NO_HISTORY: PayHistory = {
  binWeights: new Float64Array(0),
  lateWeight: 0,
  count: 0,
  meanDaysLate: null,
  meanCents: null,
  trend: null,
};

/** The recency factor of something that happened `daysAgo` days before the as-of day. */
export function recency(daysAgo: number, halfLifeDays: number): number {
  return 0.5 ** (Math.max(0, daysAgo) / halfLifeDays);
}

/** A customer's settled invoices as columns (one entry per invoice): what the store reads. */
export interface PaidInvoices {
  /** Paid on minus due date. */
  daysLate: readonly number[];
  /** Days from the payment to the as-of day. */
  daysAgo: readonly number[];
  /** Paid on minus issue date (the treatment's usual-pattern check reads these). */
  daysToPay: readonly number[];
  cents: readonly number[];
}

/** The history summary of a customer's settled invoices: weights binned by days late, with the trend's moments. */
export function payHistoryOf(
  paid: Pick<PaidInvoices, 'daysLate' | 'daysAgo' | 'cents'>,
  lateDays: number,
  halfLifeDays: number,
): PayHistory {
  const n = paid.daysLate.length;
  if (!n) return NO_HISTORY;
  const bins = daysLateBins(lateDays);
  let total = 0;
  let sumLate = 0;
  for (let i = 0; i < n; i++) {
    total += paid.cents[i]!;
    sumLate += paid.daysLate[i]!;
  }
  const meanCents = total / n;
  const binWeights = new Float64Array(bins.length);
  let lateWeight = 0;
  const trend: TrendMoments = { w: 0, wt: 0, wx: 0, wtt: 0, wtx: 0 };
  for (let i = 0; i < n; i++) {
    const x = paid.daysLate[i]!;
    const t = paid.daysAgo[i]!;
    const w =
      meanCents > 0 ? (paid.cents[i]! * recency(t, halfLifeDays)) / meanCents : recency(t, halfLifeDays);
    if (x > lateDays) lateWeight += w;
    else binWeights[binIndex(bins, x)]! += w;
    trend.w += w;
    trend.wt += w * t;
    trend.wx += w * x;
    trend.wtt += w * t * t;
    trend.wtx += w * t * x;
  }
  return { binWeights, lateWeight, count: n, meanDaysLate: sumLate / n, meanCents, trend };
}

function binIndex(bins: readonly DaysLateBin[], daysLate: number): number {
  const k = bins.findIndex((b) => daysLate <= b.to);
  return k < 0 ? bins.length - 1 : k;
}
