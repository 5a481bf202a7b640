// Do the lateness model's probabilities mean what they say? Every (day, open invoice not yet late)
// the backtest replayed is a prediction p with a known outcome (paid more than L days late or never,
// or not). Sorted by p into ten groups of equal size, each group's mean p should match the share
// that went late: a reliability chart. The Brier score (mean squared error) sums it up. Pure.

export interface Prediction {
  p: number;
  late: boolean;
}

export interface CalibrationBin {
  /** Range of p in the group, its mean, and the share of its invoices that went late. */
  fromP: number;
  toP: number;
  meanP: number;
  observed: number;
  count: number;
}

export interface Calibration {
  bins: CalibrationBin[];
  /** Mean of (p − outcome)²: 0 is perfect; always predicting the base rate scores base × (1 − base). */
  brier: number;
  /** The same for a constant prediction of the overall late rate, for comparison. */
  brierOfBaseRate: number;
  predictions: number;
  lateRate: number;
}

export function calibration(predictions: readonly Prediction[], groups = 10): Calibration | null {
  const n = predictions.length;
  if (!n) return null;
  const sorted = [...predictions].sort((a, b) => a.p - b.p);
  const bins: CalibrationBin[] = [];
  for (let g = 0; g < groups; g++) {
    const part = sorted.slice(Math.floor((g * n) / groups), Math.floor(((g + 1) * n) / groups));
    if (!part.length) continue;
    bins.push({
      fromP: part[0]!.p,
      toP: part[part.length - 1]!.p,
      meanP: part.reduce((s, x) => s + x.p, 0) / part.length,
      observed: part.filter((x) => x.late).length / part.length,
      count: part.length,
    });
  }
  const lateRate = predictions.filter((x) => x.late).length / n;
  const brier = predictions.reduce((s, x) => s + (x.p - (x.late ? 1 : 0)) ** 2, 0) / n;
  return { bins, brier, brierOfBaseRate: lateRate * (1 - lateRate), predictions: n, lateRate };
}
