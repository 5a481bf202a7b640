// Days sales outstanding and its companions. Amounts are integer cents; the results are days
// (ratios, so fractional numbers are fine here — no money is computed from them).
import type { Cents } from '../money.ts';

/** One period's credit sales and its length in days (30 for the textbook examples). */
export interface PeriodSales {
  salesCents: Cents;
  days: number;
}

/**
 * Countback DSO: how many days of the most recent credit sales the receivables represent.
 * Walk back through the periods (newest first) taking each period's sales out of the AR; the
 * period where the AR runs out contributes the fraction it used. When the history runs out
 * first, the rest is counted at the average daily sales of the history. Zero AR → 0 days; AR
 * with no sales at all → null (undefined, not infinite).
 * Example: AR 212,000; sales 100,000 / 80,000 / 70,000 in 30-day months → 30 + 30 + 32/70 × 30.
 */
export function countbackDso(arCents: Cents, periods: readonly PeriodSales[]): number | null {
  if (arCents <= 0) return 0;
  let remaining = arCents;
  let days = 0;
  for (const { salesCents, days: length } of periods) {
    if (salesCents > 0 && remaining <= salesCents) return days + (remaining / salesCents) * length;
    remaining -= Math.max(0, salesCents);
    days += length;
  }
  const totalSales = periods.reduce((s, p) => s + Math.max(0, p.salesCents), 0);
  if (totalSales <= 0) return null;
  return days + remaining / (totalSales / days);
}

/** The simple (average) method: AR ÷ the period's credit sales × its days. */
export function periodDso(arCents: Cents, sales: PeriodSales): number | null {
  if (arCents <= 0) return 0;
  if (sales.salesCents <= 0) return null;
  return (arCents / sales.salesCents) * sales.days;
}

/**
 * Best possible DSO: the DSO if every customer paid on terms, i.e. counting only the current
 * (not yet past due) receivables. Measured with the same countback as DSO so that their
 * difference, ADD, compares like with like. Example (one 30-day period of 10,000 sales):
 * current AR 4,000 → 12 days.
 */
export function bestPossibleDso(currentArCents: Cents, periods: readonly PeriodSales[]): number | null {
  return countbackDso(currentArCents, periods);
}

/** Average days delinquent: DSO − best possible DSO (45 − 12 = 33 days in the textbook case). */
export function averageDaysDelinquent(dso: number | null, bestPossible: number | null): number | null {
  if (dso === null || bestPossible === null) return null;
  return dso - bestPossible;
}
