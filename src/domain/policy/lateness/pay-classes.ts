// Customers who pay alike. Customers do not pay like their segment's average: some pay on the due
// date, some always at 60 days, some late every time, some erratically. Each day the model learns
// a few such ways of paying (pay classes) from the customers' own years, by expectation–
// maximisation of a mixture of multinomials over the days-late bins and the late mass. A
// customer with a history of its own takes as its prior the classes weighed by how well each
// explains its year (with one or two invoices, that is close to the company's mix of classes);
// a customer with none keeps its segment's prior.
import { type LateSample, type SurvivalGrid, survivalGrid, totalWeight } from './late-survival.ts';
import type { LatenessSettings } from './lateness-settings.ts';
import { daysLateBins } from './pay-history.ts';
import type { PeerPriors } from './peer-priors.ts';

export interface PayClasses {
  /** Weights per customer: the days-late bins, then the late mass. */
  width: number;
  /** Row by class: the log share of each of the `width` weights. */
  logShares: Float64Array;
  /** Log share of the customers in each class. */
  logMix: Float64Array;
  /** Each class's survival, smoothed like a customer's own. */
  grids: readonly SurvivalGrid[];
}

/** Rounds of expectation–maximisation at most; it stops sooner once a round no longer improves the fit. */
const ROUNDS = 30;
/** Pooled pseudo-invoices in every class: no bin is ever impossible for a class. */
const SMOOTHING = 1;
/** Customers with less than one recent invoice's weight say too little of how they pay. */
const MIN_WEIGHT = 1;
/** The classes are the company's, not a customer's: a few thousand histories find them. */
const MAX_LEARNERS = 2000;
/** Fewer customers than this per class leave the classes to chance. */
const LEARNERS_PER_CLASS = 5;

/** A sample's weights into `into` from `at`: its `bins` days-late bins, then its late mass. */
function fillRow(s: LateSample, into: Float64Array, at: number, bins: number): void {
  for (let b = 0; b < bins; b++) into[at + b] = s.binWeights[b] ?? 0;
  into[at + bins] = s.lateWeight;
}

/**
 * The day's pay classes from the customers' own samples; null when `settings.payClasses` is 0 or
 * too few customers have a history to tell classes apart. Deterministic: the same samples give the
 * same classes.
 */
export function learnPayClasses(
  samples: readonly LateSample[],
  settings: LatenessSettings,
): PayClasses | null {
  const k = settings.payClasses;
  if (k <= 0) return null;
  const bins = daysLateBins(settings.lateDays);
  const B = bins.length;
  const D = B + 1;
  const withHistory = samples.filter((s) => totalWeight(s) >= MIN_WEIGHT);
  if (withHistory.length < k * LEARNERS_PER_CLASS) return null;
  // Every m-th customer: an even spread of the company, and a bounded cost on a large ledger.
  const stride = Math.ceil(withHistory.length / MAX_LEARNERS);
  const learners = withHistory.filter((_, j) => j % stride === 0);
  const N = learners.length;
  // One flat array, a row of D weights per customer: the rounds below touch every weight k times.
  const data = new Float64Array(N * D);
  for (const [j, s] of learners.entries()) fillRow(s, data, j * D, B);
  const spread = settings.spreadFloorDays;
  if (
    last &&
    last.k === k &&
    last.lateDays === settings.lateDays &&
    last.spread === spread &&
    sameWeights(last.data, data)
  )
    return last.classes;

  const pooled = new Float64Array(D);
  let pooledTotal = 0;
  for (let i = 0; i < data.length; i++) {
    pooled[i % D]! += data[i]!;
    pooledTotal += data[i]!;
  }
  // The smoothing's shares: the company's, with a tenth spread evenly, so no share is ever 0.
  for (let b = 0; b < D; b++) pooled[b] = 0.9 * (pooled[b]! / pooledTotal) + 0.1 / D;

  // Start from k groups of equal size by mean days late (the late mass counted at L + half L).
  const lateAt = settings.lateDays * 1.5;
  const position = new Float64Array(N);
  for (let j = 0; j < N; j++) {
    let sum = data[j * D + B]! * lateAt;
    let w = data[j * D + B]!;
    for (let b = 0; b < B; b++) {
      sum += data[j * D + b]! * bins[b]!.at;
      w += data[j * D + b]!;
    }
    position[j] = sum / w;
  }
  const order = Array.from({ length: N }, (_, j) => j).sort((a, b) => position[a]! - position[b]! || a - b);
  const resp = new Float64Array(N * k);
  order.forEach((j, rank) => {
    resp[j * k + Math.floor((rank * k) / N)] = 1;
  });

  const logShares = new Float64Array(k * D);
  const logMix = new Float64Array(k);
  const sums = new Float64Array(k * D);
  const members = new Float64Array(k);
  let previous = Number.NEGATIVE_INFINITY;
  for (let round = 0; round < ROUNDS; round++) {
    // M: each class's shares and the share of customers in it, from the memberships.
    sums.fill(0);
    members.fill(0);
    for (let j = 0; j < N; j++)
      for (let c = 0; c < k; c++) {
        const r = resp[j * k + c]!;
        if (r < 1e-12) continue;
        members[c]! += r;
        for (let b = 0; b < D; b++) sums[c * D + b]! += r * data[j * D + b]!;
      }
    for (let c = 0; c < k; c++) {
      let total = 0;
      for (let b = 0; b < D; b++) total += sums[c * D + b]!;
      for (let b = 0; b < D; b++)
        logShares[c * D + b] = Math.log((sums[c * D + b]! + SMOOTHING * pooled[b]!) / (total + SMOOTHING));
      logMix[c] = Math.log(Math.max(1e-6, members[c]! / N));
    }
    // E: memberships from the likelihood of each customer's year under each class.
    let logLikelihood = 0;
    for (let j = 0; j < N; j++) logLikelihood += membership(data, j * D, D, logShares, logMix, resp, j * k);
    // Done when a round no longer improves the fit by a millionth.
    if (logLikelihood - previous < 1e-6 * Math.abs(logLikelihood)) break;
    previous = logLikelihood;
  }
  const grids: SurvivalGrid[] = [];
  for (let c = 0; c < k; c++) {
    const shares = logShares.subarray(c * D, c * D + D);
    grids.push(
      survivalGrid(
        { binWeights: Array.from(shares.subarray(0, B), Math.exp), lateWeight: Math.exp(shares[B]!) },
        settings.lateDays,
        spread,
      ),
    );
  }
  const classes = { logShares, logMix, grids, width: D };
  last = { data, k, lateDays: settings.lateDays, spread, classes };
  return classes;
}

/**
 * The classes learned last, with what they were learned from. A running server plans the same day
 * many times while the ledger does not change (each collector's digest, /sheet, the team view), and
 * the same histories give the same classes: compared weight by weight, so it is exact.
 */
let last: { data: Float64Array; k: number; lateDays: number; spread: number; classes: PayClasses } | null =
  null;

function sameWeights(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * How likely each class is to have produced the weights x[at … at + width) (bins, then the late
 * mass), into out[to …]; returns the log of the likelihood summed over classes.
 */
function membership(
  x: Float64Array,
  at: number,
  width: number,
  logShares: Float64Array,
  logMix: Float64Array,
  out: Float64Array,
  to: number,
): number {
  const k = logMix.length;
  for (let c = 0; c < k; c++) {
    let l = logMix[c]!;
    for (let b = 0; b < width; b++) {
      const w = x[at + b]!;
      if (w > 0) l += w * logShares[c * width + b]!;
    }
    out[to + c] = l;
  }
  return normalise(out, to, k);
}

/**
 * The k log-likelihoods at x[from …] turned, in place, into the probabilities they give (adding up
 * to 1); returns the log of the likelihoods' sum. Shifted by their largest, so none underflows.
 */
function normalise(x: Float64Array | number[], from: number, k: number): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < k; c++) if (x[from + c]! > max) max = x[from + c]!;
  let sum = 0;
  for (let c = 0; c < k; c++) {
    const e = Math.exp(x[from + c]! - max);
    x[from + c] = e;
    sum += e;
  }
  for (let c = 0; c < k; c++) x[from + c]! /= sum;
  return max + Math.log(sum);
}

/**
 * The classes weighed by how well each explains the customer's own sample: how likely each class
 * is to have produced it, given the company's share of customers in each. The sums of
 * `membership`, read straight from the sample: a day's plan weighs every account, and copying each
 * sample into a reused row for `membership` cost 20–60 ms more a plan on the large demo.
 */
export function classWeights(classes: PayClasses, own: LateSample): number[] {
  const D = classes.width;
  const k = classes.grids.length;
  const shares = classes.logShares;
  const weights = own.binWeights;
  const bins = Math.min(D - 1, weights.length);
  const late = own.lateWeight;
  const out: number[] = [];
  for (let c = 0; c < k; c++) {
    const row = c * D;
    let l = classes.logMix[c]! + (late > 0 ? late * shares[row + D - 1]! : 0);
    for (let b = 0; b < bins; b++) {
      const w = weights[b]!;
      if (w > 0) l += w * shares[row + b]!;
    }
    out.push(l);
  }
  normalise(out, 0, k);
  return out;
}

/**
 * Segment priors refined by the pay classes: a customer with a history of its own gets the classes
 * that explain it; one without keeps its segment's prior.
 */
export function withPayClasses(segments: PeerPriors, classes: PayClasses | null): PeerPriors {
  if (!classes) return segments;
  return {
    of(segment, own) {
      if (!own || totalWeight(own) <= 0) return segments.of(segment);
      return {
        grids: classes.grids,
        weights: classWeights(classes, own),
        label: 'customers who pay like it',
      };
    },
  };
}
