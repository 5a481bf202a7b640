// How much of an overdue debt is still collectable by its age, from the Commercial Collection
// Agencies of America survey: 68.9% at 90 days past due, 51.3% at 6 months, 21.4% at a year.
// Between the survey points the curve is linear; past two years it stays at 10%.

/** Days past due where the curve bends; the store aggregates overdue money per segment. */
export const CURVE_BREAKS = [90, 180, 365, 730] as const;

const POINTS: readonly (readonly [number, number])[] = [
  [0, 1],
  [90, 0.689],
  [180, 0.513],
  [365, 0.214],
  [730, 0.1],
];

/** Share of a debt still collectable at `daysPastDue` (1 when not overdue). */
export function collectable(daysPastDue: number): number {
  if (daysPastDue <= 0) return 1;
  for (let k = 1; k < POINTS.length; k++) {
    const [x1, y1] = POINTS[k]!;
    if (daysPastDue <= x1) {
      const [x0, y0] = POINTS[k - 1]!;
      return y0 + ((y1 - y0) * (daysPastDue - x0)) / (x1 - x0);
    }
  }
  return POINTS[POINTS.length - 1]![1];
}

/**
 * Cents likely lost (Σ open × (1 − collectable(dpd))) from per-segment sums: within a segment the
 * curve is linear, so Σ open and Σ open × dpd give the exact total without per-invoice rows.
 */
export function centsAtRisk(segments: readonly { cents: number; centsDays: number }[]): number {
  let lost = 0;
  segments.forEach((seg, k) => {
    if (k >= POINTS.length - 1) {
      lost += seg.cents * (1 - POINTS[POINTS.length - 1]![1]);
      return;
    }
    const [x0, y0] = POINTS[k]!;
    const [x1, y1] = POINTS[k + 1]!;
    const slope = (y1 - y0) / (x1 - x0);
    const kept = seg.cents * (y0 - slope * x0) + slope * seg.centsDays;
    lost += seg.cents - kept;
  });
  return Math.max(0, lost);
}

/** Index of the segment a day count falls in (matches the store's width_bucket − 1). */
export function segmentOf(daysPastDue: number): number {
  let k = 0;
  while (k < CURVE_BREAKS.length && daysPastDue >= CURVE_BREAKS[k]!) k++;
  return k;
}
