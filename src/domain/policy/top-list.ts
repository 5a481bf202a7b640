// The top list: the smallest set of customers that covers the coverage target of overdue
// receivables, capped by the team's capacity for calls. Accounts that must be called whatever
// their balance (pinned, then those with a callback or an escalation due) go in first; the rest
// are taken largest overdue first, ties by customer code, so the same data gives the same list.
import type { Cents } from '../money.ts';

export interface TopListCandidate {
  code: string;
  overdueCents: Cents;
  /** 0 = pinned, 1 = must call today (callback, escalation), undefined = by balance only. */
  forced?: 0 | 1;
}

export interface TopList {
  codes: string[];
  totalOverdueCents: Cents;
  coveredCents: Cents;
  /** Forced accounts that did not fit in capacity. */
  overflow: string[];
}

/** Customer codes in a fixed order (code units, not the database's collation): ties break the same everywhere. */
export const byCode = (a: { code: string }, b: { code: string }): number =>
  a.code < b.code ? -1 : a.code > b.code ? 1 : 0;

export function selectTopList(
  candidates: readonly TopListCandidate[],
  options: { coveragePct: number; capacity: number },
): TopList {
  const capacity = Math.max(0, Math.floor(options.capacity));
  const totalOverdueCents = candidates.reduce((sum, c) => sum + Math.max(0, c.overdueCents), 0);
  const target = (totalOverdueCents * options.coveragePct) / 100;
  const forced = candidates
    .filter((c) => c.forced !== undefined)
    .sort((a, b) => (a.forced ?? 2) - (b.forced ?? 2) || b.overdueCents - a.overdueCents || byCode(a, b));
  const rest = candidates
    .filter((c) => c.forced === undefined && c.overdueCents > 0)
    .sort((a, b) => b.overdueCents - a.overdueCents || byCode(a, b));
  const codes: string[] = [];
  const overflow: string[] = [];
  let coveredCents = 0;
  for (const c of forced) {
    if (codes.length >= capacity) {
      overflow.push(c.code);
      continue;
    }
    codes.push(c.code);
    coveredCents += Math.max(0, c.overdueCents);
  }
  for (const c of rest) {
    if (coveredCents >= target || codes.length >= capacity) break;
    codes.push(c.code);
    coveredCents += c.overdueCents;
  }
  return { codes, totalOverdueCents, coveredCents, overflow };
}
