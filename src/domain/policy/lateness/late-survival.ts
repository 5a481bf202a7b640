// The survival of an invoice's days late: S(t) = P(paid more than t days past due, or never), on a
// grid of whole days up to the late threshold L. Past payments are points smoothed by a logistic
// kernel whose scale is the spread floor, so a short or very regular history never makes lateness
// impossible; what was paid later than L (or is still unpaid beyond it) is a mass that stays late at
// every t. Every S here is non-increasing in t, which makes P(late | unpaid at age a) = S(L) / S(a)
// grow with a.
import { type DaysLateBin, daysLateBins } from './pay-history.ts';

/** Survival on the grid: index i holds S(from + i), for t = from … lateDays. */
export interface SurvivalGrid {
  from: number;
  lateDays: number;
  values: Float64Array;
}

/** Weighted points of days late plus a late mass: one customer's, or a segment's pooled. */
export interface LateSample {
  binWeights: ArrayLike<number>;
  lateWeight: number;
}

export function gridFrom(lateDays: number): number {
  return -12 * Math.max(1, Math.round(lateDays / 10));
}

export function totalWeight(sample: LateSample): number {
  let w = sample.lateWeight;
  const weights = sample.binWeights;
  for (let k = 0; k < weights.length; k++) w += weights[k]!;
  return w;
}

/** The logistic kernel's scale for a standard deviation of `sd` days. */
const SCALE_PER_SD = Math.sqrt(3) / Math.PI;

/** Half-days of offset the kernel table covers each side; beyond it the kernel is 0 or 1 to 1e-9. */
const REACH = 2400;
const tables = new Map<number, Float64Array>();

/**
 * P(X > t − x) under a logistic kernel whose standard deviation is `sd` days, by half-days of
 * offset (a day's plan evaluates it a few hundred thousand times). Pure: the table is a memo of
 * the formula.
 */
function kernelTable(sd: number): Float64Array {
  let table = tables.get(sd);
  if (!table) {
    if (tables.size >= 64) tables.clear();
    table = new Float64Array(2 * REACH + 1);
    const scale = sd * SCALE_PER_SD;
    for (let i = 0; i < table.length; i++) table[i] = 1 / (1 + Math.exp((i - REACH) / 2 / scale));
    tables.set(sd, table);
  }
  return table;
}

/** P(X > t) of a point at x, read from a kernel table. */
function above(table: Float64Array, x: number, t: number): number {
  const i = Math.round(2 * (t - x)) + REACH;
  return i <= 0 ? table[0]! : i >= table.length ? table[table.length - 1]! : table[i]!;
}

/** S(t) of a sample whose points are shifted by `shift` days; 1 for an empty sample. */
export function sampleSurvival(
  sample: LateSample,
  bins: readonly DaysLateBin[],
  t: number,
  h: number,
  shift = 0,
): number {
  // The table once per call, not per bin: a Map look-up by a float costs more than the sum.
  const table = kernelTable(h);
  let mass = sample.lateWeight;
  let total = sample.lateWeight;
  for (let k = 0; k < bins.length; k++) {
    const w = sample.binWeights[k] ?? 0;
    if (w <= 0) continue;
    total += w;
    mass += w * above(table, bins[k]!.at + shift, t);
  }
  return total > 0 ? mass / total : 1;
}

/** The sample's survival on the whole grid. */
export function survivalGrid(sample: LateSample, lateDays: number, h: number): SurvivalGrid {
  const bins = daysLateBins(lateDays);
  const from = gridFrom(lateDays);
  const values = new Float64Array(lateDays - from + 1);
  for (let i = 0; i < values.length; i++) values[i] = sampleSurvival(sample, bins, from + i, h);
  return { from, lateDays, values };
}

/** S(t) read off a grid; below the grid S stays at its first value, above L it is not defined. */
export function at(grid: SurvivalGrid, t: number): number {
  const i = Math.min(grid.values.length - 1, Math.max(0, Math.round(t) - grid.from));
  return grid.values[i]!;
}

/** (wa·A + wb·B) / (wa + wb), point by point: a narrower estimate shrunk toward a wider one. */
export function blend(a: SurvivalGrid, wa: number, b: SurvivalGrid, wb: number): SurvivalGrid {
  if (wa + wb <= 0) return b;
  const values = new Float64Array(a.values.length);
  for (let i = 0; i < values.length; i++) values[i] = (wa * a.values[i]! + wb * b.values[i]!) / (wa + wb);
  return { from: a.from, lateDays: a.lateDays, values };
}
