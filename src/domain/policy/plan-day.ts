// One day's plan for the whole team: score and treat every account, pick the top list within
// capacity, put it on collectors' sheets, and leave the rest to the automated tier. Pure: the
// same accounts, collectors, day and policy always give the same plan.
import type { IsoDate } from '../calendar.ts';
import type { Cents } from '../money.ts';
import type { AccountInputs } from './account-inputs.ts';
import { assignCollectors, type SheetHolder } from './assign-collectors.ts';
import type { PolicySettings } from './policy-settings.ts';
import { type AccountScore, scoreAccount } from './score-account.ts';
import { byCode, selectTopList, type TopList } from './top-list.ts';
import { isLarge, type Treatment, type TreatmentStep, treatmentPlan } from './treatment.ts';

export interface PlannedAccount {
  account: AccountInputs;
  /** Computed on first use: only ranked accounts need it (sheets, spare-capacity candidates). */
  readonly score: AccountScore;
  treatment: Treatment;
  large: boolean;
  /** Why it is on the top list whatever its balance. */
  forced: 'pinned' | 'due_today' | null;
}

export interface DayPlan {
  asOf: IsoDate;
  /** Ranked rows per sheet holder id. */
  sheets: Map<number, PlannedAccount[]>;
  /** Everyone else with something to send, largest overdue first; `overCapacity` did not fit a sheet. */
  automated: (PlannedAccount & { overCapacity: boolean })[];
  /** Open promise not yet due: no call, no letter. */
  suppressed: PlannedAccount[];
  coverage: { overdueCents: Cents; coveredCents: Cents; targetPct: number; topListCustomers: number };
  capacity: number;
  overCapacity: PlannedAccount[];
}

/** Steps a large account gets as a call even when it is not needed for coverage. */
const CALL_STEPS = new Set<TreatmentStep>([
  'courtesy_call',
  'past_due_check',
  'reminder_1',
  'reminder_2',
  'supervisor_escalation',
  'final_demand',
  'agency_referral',
  'dispute_follow_up',
]);

export const byScore = (a: PlannedAccount, b: PlannedAccount): number =>
  b.score.score - a.score.score || byCode(a.account, b.account);

const byOverdue = (a: PlannedAccount, b: PlannedAccount): number =>
  b.account.overdueCents - a.account.overdueCents || byCode(a.account, b.account);

export function planAccount(account: AccountInputs, asOf: IsoDate, policy: PolicySettings): PlannedAccount {
  const treatment = treatmentPlan(account, asOf, policy);
  const dueToday = treatment.step === 'callback' || (treatment.escalated && account.overdueCents > 0);
  let score: AccountScore | undefined;
  return {
    account,
    get score() {
      score ??= scoreAccount(account, { asOf, policy });
      return score;
    },
    treatment,
    large: isLarge(account, policy),
    forced: account.pinned ? 'pinned' : dueToday ? 'due_today' : null,
  };
}

/** Spare capacity is offered to this many times as many large accounts, largest open first. */
const EXTRAS_POOL_FACTOR = 3;

export interface Selection {
  asOf: IsoDate;
  holders: readonly SheetHolder[];
  actionable: PlannedAccount[];
  suppressed: PlannedAccount[];
  capacity: number;
  top: TopList;
  onTop: Set<string>;
  /** Large accounts with a call step, off the top list, that may fill spare capacity. */
  extras: PlannedAccount[];
  targetPct: number;
}

/**
 * Who could be on a sheet today: needs balances and treatments only, no scores. Scores are
 * computed when ranking first asks for them, so the caller may add the ranked few's history to
 * their accounts (see rankingCandidates) between selecting and ranking.
 */
export function selectDay(
  accounts: readonly AccountInputs[],
  holders: readonly SheetHolder[],
  asOf: IsoDate,
  policy: PolicySettings,
): Selection {
  const planned = accounts.map((a) => planAccount(a, asOf, policy));
  const suppressed = planned.filter((p) => p.treatment.suppressed && !p.account.pinned);
  const actionable = planned.filter((p) => !(p.treatment.suppressed && !p.account.pinned));
  const capacity = holders.reduce((sum, h) => sum + Math.max(0, Math.floor(h.capacity)), 0);
  const top = selectTopList(
    actionable.map((p) => ({
      code: p.account.code,
      overdueCents: p.account.overdueCents,
      ...(p.forced === 'pinned' ? { forced: 0 as const } : p.forced ? { forced: 1 as const } : {}),
    })),
    { coveragePct: policy.coveragePct, capacity },
  );
  const onTop = new Set(top.codes);
  const extras = actionable
    .filter((p) => !onTop.has(p.account.code) && p.large && CALL_STEPS.has(p.treatment.step))
    .sort((a, b) => b.account.openCents - a.account.openCents || byCode(a.account, b.account))
    .slice(0, EXTRAS_POOL_FACTOR * Math.max(0, capacity - top.codes.length));
  return {
    asOf,
    holders,
    actionable,
    suppressed,
    capacity,
    top,
    onTop,
    extras,
    targetPct: policy.coveragePct,
  };
}

/**
 * The customers whose scores the day's plan will need (the top list, forced accounts that did not
 * fit, and the spare-capacity pool), so the store reads their history and orders only.
 */
export function rankingCandidates(selection: Selection): AccountInputs[] {
  const { actionable, top, onTop, extras } = selection;
  const overflow = new Set(top.overflow);
  return [
    ...actionable.filter((p) => onTop.has(p.account.code) || overflow.has(p.account.code)),
    ...extras,
  ].map((p) => p.account);
}

export function planDay(
  accounts: readonly AccountInputs[],
  holders: readonly SheetHolder[],
  asOf: IsoDate,
  policy: PolicySettings,
): DayPlan {
  return rankDay(selectDay(accounts, holders, asOf, policy));
}

/** Ranks the selection, fills the sheets within capacity, and leaves the rest to the automated tier. */
export function rankDay(selection: Selection): DayPlan {
  const { asOf, holders, actionable, suppressed, capacity, top, onTop, extras: pool } = selection;
  const ranked = actionable
    .filter((p) => onTop.has(p.account.code))
    .sort(byScore)
    .map((p) => Object.assign(p, { code: p.account.code, collectorId: p.account.collectorId }));
  const { byCollector, overflow } = assignCollectors(ranked, holders);
  // Spare capacity goes to large accounts whose treatment is a call anyway (courtesy calls before
  // due, reminders): the largest few, ranked by score, never displacing the top list, never
  // reported as overflow.
  const extras = pool
    .sort(byScore)
    .map((p) => Object.assign(p, { code: p.account.code, collectorId: p.account.collectorId }));
  const spare = holders.map((h) => ({ ...h, capacity: h.capacity - (byCollector.get(h.id)?.length ?? 0) }));
  const filled = assignCollectors(extras, spare).byCollector;
  const sheets = new Map<number, PlannedAccount[]>();
  for (const [id, rows] of byCollector) sheets.set(id, [...rows, ...(filled.get(id) ?? [])].sort(byScore));
  const onSheet = new Set([...sheets.values()].flat().map((p) => p.account.code));
  const overflowCodes = new Set([...top.overflow, ...overflow.map((p) => p.account.code)]);
  const overCapacity = actionable.filter((p) => overflowCodes.has(p.account.code)).sort(byScore);
  const automated = actionable
    .filter((p) => !onSheet.has(p.account.code) && p.treatment.step !== 'none')
    .sort(byOverdue)
    .map((p) => Object.assign(p, { overCapacity: overflowCodes.has(p.account.code) }));
  const coveredCents = [...sheets.values()].flat().reduce((sum, p) => sum + p.account.overdueCents, 0);
  const topListCustomers = top.codes.length - overflow.length;
  return {
    asOf,
    sheets,
    automated,
    suppressed: suppressed.sort(byOverdue),
    coverage: {
      overdueCents: top.totalOverdueCents,
      coveredCents,
      targetPct: selection.targetPct,
      topListCustomers,
    },
    capacity,
    overCapacity,
  };
}
