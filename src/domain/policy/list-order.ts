// The call list's order and the cuts made in it: every account's keys for the order, found before
// any account is assessed in full (a day has tens of thousands of them); the places kept for late
// debts; and an order sorted only as far as the sheets can reach.

import type { PlannedAccount } from './plan-day.ts';
import type { TreatmentStep } from './treatment.ts';

/** Customer codes in a fixed order (code units, not the database's collation): ties break the same everywhere. */
export const byCode = (a: { code: string }, b: { code: string }): number =>
  a.code < b.code ? -1 : a.code > b.code ? 1 : 0;

const FORCED_ORDER = { pinned: 0, callback: 1 } as const;

/** Why an account is on the list whatever its dollars: pinned by a manager, or a callback due. */
export type Forced = keyof typeof FORCED_ORDER | null;

/** The rank of an account nothing forces onto the list. */
export const NOT_FORCED = 2;

/** A forced account's place in the order (pinned, then callbacks, then everyone else). */
export const forcedRank = (forced: Forced): number => (forced === null ? NOT_FORCED : FORCED_ORDER[forced]);

/**
 * What the list's orders compare and the day's counts need, found for every account before any is
 * assessed in full: its place in the input, its totals and its step.
 */
export interface Triage {
  k: number;
  forced: number;
  expected: number;
  callable: number;
  agency: number;
  overdue: number;
  code: string;
  collectorId: number | null;
  step: TreatmentStep;
  /** In a place kept for late debts. */
  reserved?: true;
}

/** The triage of an account already planned (the list's order for planned accounts). */
const keyOf = (p: PlannedAccount): Triage => ({
  k: 0,
  forced: forcedRank(p.forced),
  expected: p.lateness.expectedLateCents,
  callable: p.lateness.callableCents,
  agency: p.lateness.agencyCents,
  overdue: p.account.overdueCents,
  code: p.account.code,
  collectorId: p.account.collectorId,
  step: p.treatment.step,
});

/** Forced first, then expected late dollars, overdue money, code. */
export const priorityOrder = (a: Triage, b: Triage): number =>
  a.forced - b.forced || b.expected - a.expected || b.overdue - a.overdue || byCode(a, b);

/** Largest overdue first, then code. */
export const overdueOrder = (a: Triage, b: Triage): number => b.overdue - a.overdue || byCode(a, b);

/** The call list's order: forced first, then expected late dollars, overdue money, code. */
export const byPriority = (a: PlannedAccount, b: PlannedAccount): number => priorityOrder(keyOf(a), keyOf(b));

/**
 * An order whose first places are in priority order; after them, in any order, the accounts that
 * `unsorted` is true of (all of which rank after every sorted one).
 */
export interface RankedFirst {
  order: Triage[];
  unsorted: (t: Triage) => boolean;
}

/**
 * The accounts in priority order as far as the best `n` (and every forced one); the others after
 * them unsorted, since a day's sheets take the first thousand of tens of thousands. The cut is at
 * the n-th largest expected late dollars, found by a numeric sort.
 */
export function rankedFirst(xs: readonly Triage[], n: number): RankedFirst {
  const free = xs.filter((t) => t.forced === NOT_FORCED);
  if (n >= free.length) return { order: [...xs].sort(priorityOrder), unsorted: () => false };
  const dollars = new Float64Array(free.length);
  for (let i = 0; i < free.length; i++) dollars[i] = free[i]!.expected;
  dollars.sort();
  const cut = dollars[dollars.length - n]!;
  const unsorted = (t: Triage) => t.forced === NOT_FORCED && t.expected < cut;
  const order = xs.filter((t) => !unsorted(t)).sort(priorityOrder);
  for (const t of xs) if (unsorted(t)) order.push(t);
  return { order, unsorted };
}

/** Where the unsorted part of a filled order begins (its length when all of it is sorted). */
export function unsortedFrom(order: readonly Triage[], ranked: RankedFirst): number {
  // A kept place is sorted with the others kept, wherever it came from.
  const at = order.findIndex((t) => !t.reserved && ranked.unsorted(t));
  return at < 0 ? order.length : at;
}

/**
 * The list's order with `places` of the first `capacity` kept for late debts: the best
 * `capacity − places` by priority, then the accounts left with the highest claims (`claimOf`, whole
 * numbers; 0 = none), in priority order (marked `reserved`), then the rest by priority. Ranking by
 * dollars alone never reaches a small debt, however late; the backtest measures what these places
 * cost and earn (docs/backtest.md).
 */
export function keepPlaces(
  ranked: readonly Triage[],
  places: number,
  capacity: number,
  claimOf: (t: Triage) => number,
): Triage[] {
  const head = Math.max(0, capacity - places);
  if (places <= 0 || ranked.length <= head) return [...ranked];
  const rest = ranked.slice(head);
  // The `places` highest claims (ties by priority) without sorting every account: claims are small
  // whole numbers (days past due, raised when a call is due), so counting them finds the lowest
  // claim that still gets a place.
  const claims = rest.map(claimOf);
  const counts: number[] = [];
  for (const c of claims) if (c > 0) counts[c] = (counts[c] ?? 0) + 1;
  let above = 0;
  let cutoff = 0;
  for (let c = counts.length - 1; c > 0; c--) {
    const n = counts[c] ?? 0;
    if (above + n >= places) {
      cutoff = c;
      break;
    }
    above += n;
  }
  const kept = rest.filter((_, i) => claims[i]! > cutoff);
  if (cutoff > 0)
    kept.push(
      ...rest
        .filter((_, i) => claims[i] === cutoff)
        .sort(priorityOrder)
        .slice(0, places - above),
    );
  const keptSet = new Set(kept);
  // Pushed one by one: spreading arrays of tens of thousands copies them through the iterator.
  const out = ranked.slice(0, head);
  for (const t of kept.sort(priorityOrder)) out.push({ ...t, reserved: true });
  for (const t of rest) if (!keptSet.has(t)) out.push(t);
  return out;
}
