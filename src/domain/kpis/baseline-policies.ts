// The naive orders a collections team falls back on without a scoring engine; the backtest
// compares Callsheet's lists with them at the same number of calls, chosen from the same
// customers (everyone with open money that day). Pure: accounts in, ids out.
import type { IsoDate } from '../calendar.ts';
import type { Cents } from '../money.ts';

/** A customer with open money on a day, as the baselines see it. */
export interface OpenAccountSnapshot {
  customerId: number;
  openCents: Cents;
  overdueCents: Cents;
  /** Issue date of the customer's oldest overdue invoice (null: nothing overdue), and oldest open one. */
  oldestOverdueIssue: IsoDate | null;
  oldestOpenIssue: IsoDate;
}

/** Largest overdue balance first, then the largest open balance (ties: lower customer id first). */
export function largestOverdueFirst(accounts: readonly OpenAccountSnapshot[], calls: number): number[] {
  return [...accounts]
    .sort(
      (a, b) => b.overdueCents - a.overdueCents || b.openCents - a.openCents || a.customerId - b.customerId,
    )
    .slice(0, Math.max(0, calls))
    .map((a) => a.customerId);
}

const oldestFirst = (a: IsoDate | null, b: IsoDate | null): number =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;

/** Oldest overdue invoice first, then the oldest open invoice (ties: larger overdue balance first). */
export function oldestInvoiceFirst(accounts: readonly OpenAccountSnapshot[], calls: number): number[] {
  return [...accounts]
    .sort(
      (a, b) =>
        oldestFirst(a.oldestOverdueIssue, b.oldestOverdueIssue) ||
        oldestFirst(a.oldestOpenIssue, b.oldestOpenIssue) ||
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

/** Customers with open money in a random order that depends only on the seed and the day. */
export function randomOrder(
  accounts: readonly OpenAccountSnapshot[],
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
