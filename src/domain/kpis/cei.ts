// Collection effectiveness index: of what could have been collected in a period, how much was.
import type { Cents } from '../money.ts';

export interface CeiInputs {
  beginningArCents: Cents;
  /** Credit sales over the whole period. */
  salesCents: Cents;
  endingArCents: Cents;
  endingCurrentArCents: Cents;
  /** Months in the period (1 for a monthly CEI, 3 for a quarter). */
  months: number;
  /**
   * Divide the period's sales by its months (the common textbook form, and ours by default);
   * some sources use the whole period's sales instead. Irrelevant for a one-month period.
   */
  divideSalesByMonths: boolean;
}

/**
 * CEI % = (beginning AR + sales − ending total AR) ÷ (beginning AR + sales − ending current AR)
 * × 100. Example (a quarter, sales divided by 3): (6,200 + 3,630 − 6,340) ÷ (6,200 + 3,630 −
 * 3,590) = 55.9%. Null when there was nothing collectable (the denominator is not positive).
 */
export function collectionEffectivenessIndex(input: CeiInputs): number | null {
  const sales =
    input.divideSalesByMonths && input.months > 1 ? input.salesCents / input.months : input.salesCents;
  const collectable = input.beginningArCents + sales - input.endingCurrentArCents;
  if (collectable <= 0) return null;
  return ((input.beginningArCents + sales - input.endingArCents) / collectable) * 100;
}
