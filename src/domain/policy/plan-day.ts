// One day's plan for the whole team: score and treat every account, pick the top list within
// capacity, put it on collectors' sheets, and leave the rest to the automated tier. Pure: the
// same accounts, collectors, day and policy always give the same plan.
import type { IsoDate } from '../calendar.ts';
import type { Cents } from '../money.ts';
import type { AccountInputs } from './account-inputs.ts';
import { assignCollectors, type SheetHolder } from './assign-collectors.ts';
import type { PolicySettings } from './policy-settings.ts';
import { type AccountScore, scoreAccount } from './score-account.ts';
import { selectTopList } from './top-list.ts';
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
  b.score.score - a.score.score ||
  (a.account.code < b.account.code ? -1 : a.account.code > b.account.code ? 1 : 0);

const byOverdue = (a: PlannedAccount, b: PlannedAccount): number =>
  b.account.overdueCents - a.account.overdueCents ||
  (a.account.code < b.account.code ? -1 : a.account.code > b.account.code ? 1 : 0);

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

export function planDay(
  accounts: readonly AccountInputs[],
  holders: readonly SheetHolder[],
  asOf: IsoDate,
  policy: PolicySettings,
): DayPlan {
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
  const ranked = actionable
    .filter((p) => onTop.has(p.account.code))
    .sort(byScore)
    .map((p) => Object.assign(p, { code: p.account.code, collectorId: p.account.collectorId }));
  const { byCollector, overflow } = assignCollectors(ranked, holders);
  // Spare capacity goes to large accounts whose treatment is a call anyway (courtesy calls before
  // due, reminders): ranked by score, never displacing the top list, never reported as overflow.
  const extras = actionable
    .filter((p) => !onTop.has(p.account.code) && p.large && CALL_STEPS.has(p.treatment.step))
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
      targetPct: policy.coveragePct,
      topListCustomers,
    },
    capacity,
    overCapacity,
  };
}
