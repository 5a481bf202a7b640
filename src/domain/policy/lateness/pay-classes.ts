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
  /** Per class, log shares of each days-late bin with the late mass last. */
  logShares: readonly Float64Array[];
  /** Log share of the customers in each class. */
  logMix: Float64Array;
  /** Each class's survival, smoothed like a customer's own. */
  grids: readonly SurvivalGrid[];
}

/** Rounds of expectation–maximisation: the classes move by less than a customer's weight after ~20. */
const ROUNDS = 30;
/** Pooled pseudo-invoices in every class: no bin is ever impossible for a class. */
const SMOOTHING = 1;
/** Customers with less than one recent invoice's weight say too little of how they pay. */
const MIN_WEIGHT = 1;
/** The classes are the company's, not a customer's: a few thousand histories find them. */
const MAX_LEARNERS = 4000;
/** Fewer customers than this per class leave the classes to chance. */
const LEARNERS_PER_CLASS = 5;

function vectorOf(s: LateSample, bins: number): Float64Array {
  const v = new Float64Array(bins + 1);
  for (let b = 0; b < bins; b++) v[b] = s.binWeights[b] ?? 0;
  v[bins] = s.lateWeight;
  return v;
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
  const withHistory = samples.filter((s) => totalWeight(s) >= MIN_WEIGHT);
  if (withHistory.length < k * LEARNERS_PER_CLASS) return null;
  // Every m-th customer: an even spread of the company, and a bounded cost on a large ledger.
  const stride = Math.ceil(withHistory.length / MAX_LEARNERS);
  const data = withHistory.filter((_, j) => j % stride === 0).map((s) => vectorOf(s, B));

  const pooled = new Float64Array(B + 1);
  let pooledTotal = 0;
  for (const x of data)
    for (let b = 0; b <= B; b++) {
      pooled[b]! += x[b]!;
      pooledTotal += x[b]!;
    }
  // The smoothing's shares: the company's, with a tenth spread evenly, so no share is ever 0.
  for (let b = 0; b <= B; b++) pooled[b] = 0.9 * (pooled[b]! / pooledTotal) + 0.1 / (B + 1);

  // Start from k groups of equal size by mean days late (the late mass counted at L + half L).
  const lateAt = settings.lateDays * 1.5;
  const position = data.map((x) => {
    let sum = x[B]! * lateAt;
    let w = x[B]!;
    for (let b = 0; b < B; b++) {
      sum += x[b]! * bins[b]!.at;
      w += x[b]!;
    }
    return sum / w;
  });
  const order = data.map((_, j) => j).sort((a, b) => position[a]! - position[b]! || a - b);
  const resp = data.map(() => new Float64Array(k));
  order.forEach((j, rank) => {
    resp[j]![Math.floor((rank * k) / data.length)] = 1;
  });

  let logShares: Float64Array[] = [];
  const logMix = new Float64Array(k);
  for (let round = 0; round < ROUNDS; round++) {
    logShares = [];
    for (let c = 0; c < k; c++) {
      const sum = new Float64Array(B + 1);
      let total = 0;
      let members = 0;
      for (let j = 0; j < data.length; j++) {
        const r = resp[j]![c]!;
        if (r === 0) continue;
        members += r;
        const x = data[j]!;
        for (let b = 0; b <= B; b++) {
          sum[b]! += r * x[b]!;
          total += r * x[b]!;
        }
      }
      const shares = new Float64Array(B + 1);
      for (let b = 0; b <= B; b++)
        shares[b] = Math.log((sum[b]! + SMOOTHING * pooled[b]!) / (total + SMOOTHING));
      logShares.push(shares);
      logMix[c] = Math.log(Math.max(1e-6, members / data.length));
    }
    for (let j = 0; j < data.length; j++) membership(data[j]!, logShares, logMix, resp[j]!);
  }
  const grids = logShares.map((shares) =>
    survivalGrid(
      { binWeights: Array.from(shares.subarray(0, B), Math.exp), lateWeight: Math.exp(shares[B]!) },
      settings.lateDays,
      settings.spreadFloorDays,
    ),
  );
  return { logShares, logMix, grids };
}

/** How likely each class is to have produced sample `x` (bins, then the late mass), into `out`. */
function membership(
  x: ArrayLike<number>,
  logShares: readonly Float64Array[],
  logMix: Float64Array,
  out: Float64Array,
): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < logShares.length; c++) {
    const shares = logShares[c]!;
    let l = logMix[c]!;
    for (let b = 0; b < shares.length; b++) {
      const w = x[b] ?? 0;
      if (w > 0) l += w * shares[b]!;
    }
    out[c] = l;
    if (l > max) max = l;
  }
  let sum = 0;
  for (let c = 0; c < out.length; c++) {
    out[c] = Math.exp(out[c]! - max);
    sum += out[c]!;
  }
  for (let c = 0; c < out.length; c++) out[c]! /= sum;
  return out;
}

/** The classes weighed by how well each explains the customer's own sample. */
export function classMixture(classes: PayClasses, own: LateSample): SurvivalGrid {
  const B = classes.logShares[0]!.length - 1;
  const r = membership(
    vectorOf(own, B),
    classes.logShares,
    classes.logMix,
    new Float64Array(classes.grids.length),
  );
  const first = classes.grids[0]!;
  const values = new Float64Array(first.values.length);
  for (let c = 0; c < r.length; c++) {
    const g = classes.grids[c]!.values;
    const w = r[c]!;
    if (w < 1e-9) continue;
    for (let i = 0; i < values.length; i++) values[i]! += w * g[i]!;
  }
  return { from: first.from, lateDays: first.lateDays, values };
}

/**
 * Segment priors refined by the pay classes: a customer with a history of its own gets the classes
 * that explain it; one without keeps its segment's prior.
 */
export function withPayClasses(segments: PeerPriors, classes: PayClasses | null): PeerPriors {
  if (!classes) return segments;
  return {
    of(segment, own) {
      const peer = segments.of(segment);
      if (!own || totalWeight(own) <= 0) return peer;
      return { grid: classMixture(classes, own), label: `customers who pay like it` };
    },
  };
}
