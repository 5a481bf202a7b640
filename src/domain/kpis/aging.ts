// The aging profile of receivables beside the Credit Research Foundation's national figures.
import type { Cents } from '../money.ts';

/**
 * Which date an invoice ages from. 'due': days past due (current = not yet due), the basis of
 * the CRF's national summary. 'invoice': days since the invoice date (current = 0–30 days old,
 * "over 90" = more than 90 days old), the older aged-trial-balance habit.
 */
export type AgingBasis = 'due' | 'invoice';

/** Days from the basis date at which an invoice stops being current. */
export const CURRENT_LIMIT_DAYS: Record<AgingBasis, number> = { due: 0, invoice: 30 };

/** Bucket upper bounds in days from the basis date; the last bucket is open-ended (> 90). */
export const AGING_BUCKETS = ['current', '1-30', '31-60', '61-90', 'over90'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];
export type AgingBuckets = Record<AgingBucket, Cents>;

/** The bucket of an invoice `days` days from its basis date. */
export function agingBucket(days: number, basis: AgingBasis): AgingBucket {
  if (days <= CURRENT_LIMIT_DAYS[basis]) return 'current';
  if (days <= 30) return '1-30';
  if (days <= 60) return '31-60';
  if (days <= 90) return '61-90';
  return 'over90';
}

/**
 * Credit Research Foundation, National Summary of Domestic Trade Receivables (US, recent
 * quarters): about 87% of receivables current and about 0.4% more than 90 days past due.
 */
export const CRF_NATIONAL = { currentPct: 87, over90Pct: 0.4 } as const;

export interface AgingProfile {
  totalCents: Cents;
  buckets: AgingBuckets;
  /** Null when there are no receivables. */
  currentPct: number | null;
  over90Pct: number | null;
  benchmark: typeof CRF_NATIONAL;
}

export function emptyBuckets(): AgingBuckets {
  return { current: 0, '1-30': 0, '31-60': 0, '61-90': 0, over90: 0 };
}

export function agingProfile(buckets: AgingBuckets): AgingProfile {
  const totalCents = AGING_BUCKETS.reduce((s, b) => s + buckets[b], 0);
  const pct = (cents: Cents) => (totalCents > 0 ? (cents / totalCents) * 100 : null);
  return {
    totalCents,
    buckets,
    currentPct: pct(buckets.current),
    over90Pct: pct(buckets.over90),
    benchmark: CRF_NATIONAL,
  };
}
