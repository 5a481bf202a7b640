// The naive orders a collections team falls back on without a scoring engine; the backtest
// compares Callsheet's lists with them at the same number of calls. Pure: accounts in, ids out.
import type { IsoDate } from '../calendar.ts';
import type { Cents } from '../money.ts';

export interface OverdueAccountSnapshot {
  customerId: number;
  overdueCents: Cents;
  /** Issue date of the customer's oldest overdue invoice. */
  oldestIssue: IsoDate;
}

/** Largest overdue balance first (ties: lower customer id first, for a stable order). */
export function largestOverdueFirst(accounts: readonly OverdueAccountSnapshot[], calls: number): number[] {
  return [...accounts]
    .sort((a, b) => b.overdueCents - a.overdueCents || a.customerId - b.customerId)
    .slice(0, Math.max(0, calls))
    .map((a) => a.customerId);
}

/** Oldest overdue invoice first (ties: larger overdue balance first). */
export function oldestInvoiceFirst(accounts: readonly OverdueAccountSnapshot[], calls: number): number[] {
  return [...accounts]
    .sort(
      (a, b) =>
        a.oldestIssue.localeCompare(b.oldestIssue) ||
        b.overdueCents - a.overdueCents ||
        a.customerId - b.customerId,
    )
    .slice(0, Math.max(0, calls))
    .map((a) => a.customerId);
}

/** FNV-1a: a stable hash, so a seeded "random" order is the same on every machine and run. */
function fnv1a(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** Overdue customers in a random order that depends only on the seed and the day. */
export function randomOverdue(
  accounts: readonly OverdueAccountSnapshot[],
  calls: number,
  seed: number,
  day: IsoDate,
): number[] {
  return accounts
    .map((a) => ({ id: a.customerId, key: fnv1a(`${seed}|${day}|${a.customerId}`) }))
    .sort((a, b) => a.key - b.key || a.id - b.id)
    .slice(0, Math.max(0, calls))
    .map((a) => a.id);
}
