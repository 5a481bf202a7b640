// One day's plan for the whole team. Every account with open money is assessed by the lateness
// model (its expected late dollars, Σ open × P(paid more than L days late | unpaid at its age));
// the call list is filled to the team's capacity in that order — pinned accounts and callbacks the
// customer asked for first — and put on collectors' sheets. Money at the agency step leaves the
// callers' capacity for the managers' agency queue; everything else with a step to take goes to the
// automated tier. Pure: the same inputs always give the same plan, and no input is changed.
import { addDays, type IsoDate } from '../calendar.ts';
import type { Cents } from '../money.ts';
import type { MoneyDisplay } from '../money-text.ts';
import type { AccountInputs } from './account-inputs.ts';
import { assignCollectors, type SheetHolder } from './assign-collectors.ts';
import { daysFrom } from './days.ts';
import {
  assessLateness,
  type LatenessAssessment,
  ownSample,
  promiseKeptRate,
} from './lateness/assess-lateness.ts';
import type { LateSample } from './lateness/late-survival.ts';
import type { PayHistory } from './lateness/pay-history.ts';
import { type PeerPriors, peerPriors, type Segment } from './lateness/peer-priors.ts';
import type { PolicySettings } from './policy-settings.ts';
import { agencyStep, isLarge, type Treatment, treatmentPlan } from './treatment.ts';
import { plural } from './words.ts';

export interface PlannedAccount {
  account: AccountInputs;
  /** What to do about the money still with the callers (the agency step's money is apart). */
  treatment: Treatment;
  large: boolean;
  /** On the list whatever its expected late dollars: pinned by a manager, or a callback due. */
  forced: 'pinned' | 'callback' | null;
  /** Listed in a place kept for the oldest callable debts (`policy.oldestShare`), not for its dollars. */
  reserved?: true;
  lateness: LatenessAssessment;
  /** The peer segment the model shrinks toward, in words. */
  peers: string;
}

/** An account with money at the agency step: the manager refers it (or writes it off). */
export interface AgencyEntry {
  planned: PlannedAccount;
  cents: Cents;
  invoices: number;
  oldestDaysPastDue: number;
  /** 'Refer to collection agency' or 'Refer to agency or write off'. */
  label: string;
}

export interface DayInputs {
  accounts: readonly AccountInputs[];
  /** Customers with a year of history and nothing open: they still teach their peers. */
  others?: readonly { segment: Segment; history: PayHistory }[];
  /** Promises judged in the last year, company-wide; default: the accounts' own added up. */
  promiseRecord?: { kept: number; broken: number };
}

export interface DayPlan {
  asOf: IsoDate;
  lateDays: number;
  /** Every account assessed, in the order read (by code). */
  accounts: PlannedAccount[];
  /** Rows per sheet holder id, in list order. */
  sheets: Map<number, PlannedAccount[]>;
  /** Everyone else with a step to take, largest overdue first; `overCapacity` did not fit a sheet. */
  automated: (PlannedAccount & { overCapacity: boolean })[];
  /** Not on a sheet, and no letter either: a promise not yet due, or a reliable pattern. */
  held: PlannedAccount[];
  agency: AgencyEntry[];
  coverage: {
    overdueCents: Cents;
    coveredCents: Cents;
    expectedLateCents: Cents;
    coveredExpectedLateCents: Cents;
  };
  capacity: number;
  /** Ranked within the team's capacity, but their collector's sheet was full. */
  overCapacity: PlannedAccount[];
}

/** Customer codes in a fixed order (code units, not the database's collation): ties break the same everywhere. */
export const byCode = (a: { code: string }, b: { code: string }): number =>
  a.code < b.code ? -1 : a.code > b.code ? 1 : 0;

const FORCED_ORDER = { pinned: 0, callback: 1 } as const;

/** What the list's orders compare, read once per account (a day's plan sorts tens of thousands). */
interface SortKey {
  p: PlannedAccount;
  forced: number;
  expected: number;
  overdue: number;
  code: string;
}

const keyOf = (p: PlannedAccount): SortKey => ({
  p,
  forced: p.forced === null ? 2 : FORCED_ORDER[p.forced],
  expected: p.lateness.expectedLateCents,
  overdue: p.account.overdueCents,
  code: p.account.code,
});

/** Forced first, then expected late dollars, overdue money, code. */
const priorityOrder = (a: SortKey, b: SortKey): number =>
  a.forced - b.forced || b.expected - a.expected || b.overdue - a.overdue || byCode(a, b);

/** Largest overdue first, then code. */
const overdueOrder = (a: SortKey, b: SortKey): number => b.overdue - a.overdue || byCode(a, b);

/** The call list's order: forced first, then expected late dollars, overdue money, code. */
export const byPriority = (a: PlannedAccount, b: PlannedAccount): number => priorityOrder(keyOf(a), keyOf(b));

/** `xs` in `order`, each account's keys read once rather than at every comparison. */
const sortedBy = (
  xs: readonly PlannedAccount[],
  order: (a: SortKey, b: SortKey) => number,
): PlannedAccount[] =>
  xs
    .map(keyOf)
    .sort(order)
    .map((k) => k.p);

/** Overdue money still with the callers: past due, below the agency step. */
function callableOverdue(p: PlannedAccount, agencyDays: number): number {
  let cents = 0;
  for (const i of p.account.open) if (i.dpd > 0 && i.dpd < agencyDays) cents += i.cents;
  return cents;
}

export const segmentOf = (a: Pick<AccountInputs, 'termsDays' | 'industry' | 'region'>): Segment => ({
  termsDays: a.termsDays,
  industry: a.industry,
  region: a.region,
});

/** Days past due of the account's oldest invoice still with the callers (below the agency step). */
export function oldestCallableDays(p: PlannedAccount, agencyDays: number): number | null {
  let oldest: number | null = null;
  for (const i of p.lateness.invoices)
    if (i.dpd < agencyDays && (oldest === null || i.dpd > oldest)) oldest = i.dpd;
  return oldest;
}

/** Why a row sits in a place kept for the oldest debts (its dollars alone would not list it). */
export function reservedReason(p: PlannedAccount, agencyDays: number): string {
  const days = oldestCallableDays(p, agencyDays) ?? 0;
  return `one of the oldest debts still with the callers: ${plural(days, 'day')} past due (a place is kept for them)`;
}

/**
 * The list's order with `places` of the first `capacity` kept for the oldest overdue debts still
 * with the callers: the best `capacity − places` by priority, then the accounts left with the oldest
 * callable invoice, in priority order (marked `reserved`), then the rest by priority. Ranking by dollars alone never reaches a small
 * debt, however old; the backtest measures what these places cost and earn (docs/backtest.md).
 */
export function keepPlacesForOldest(
  ranked: readonly PlannedAccount[],
  places: number,
  capacity: number,
  agencyDays: number,
): PlannedAccount[] {
  const head = Math.max(0, capacity - places);
  if (places <= 0 || ranked.length <= head) return [...ranked];
  const rest = ranked.slice(head);
  // Ages and sort keys once per account (a comparator would walk the invoices, and byPriority
  // build two keys, at every comparison; ages tie often).
  const aged: { key: SortKey; age: number }[] = [];
  for (const p of rest) {
    const age = oldestCallableDays(p, agencyDays) ?? 0;
    if (age > 0) aged.push({ key: keyOf(p), age });
  }
  const oldest = aged
    .sort((a, b) => b.age - a.age || priorityOrder(a.key, b.key))
    .slice(0, places)
    .map((x) => x.key);
  const kept = new Set(oldest.map((k) => k.p));
  return [
    ...ranked.slice(0, head),
    ...oldest.sort(priorityOrder).map((k): PlannedAccount => ({ ...k.p, reserved: true })),
    ...rest.filter((p) => !kept.has(p)),
  ];
}

/**
 * The peers' priors of the day, from every customer with a history or late money. `samples`: the
 * accounts' own samples in order, when the caller has them (a day's plan reuses them).
 */
export function dayPriors(
  input: DayInputs,
  policy: PolicySettings,
  samples: readonly LateSample[] = input.accounts.map((a) => ownSample(a, policy.lateness)),
): PeerPriors {
  const settings = policy.lateness;
  return peerPriors(
    [
      ...input.accounts.map((a, k) => ({ segment: segmentOf(a), sample: samples[k]! })),
      ...(input.others ?? []).map((o) => ({
        segment: o.segment,
        sample: ownSample({ ...o, open: [] }, settings),
      })),
    ],
    settings,
  );
}

/** The company's share of promises kept, with one kept and one broken pseudo-promise. */
export function companyKeptRate(records: readonly { kept: number; broken: number }[]): number {
  let kept = 0;
  let broken = 0;
  for (const r of records) {
    kept += r.kept;
    broken += r.broken;
  }
  return (kept + 1) / (kept + broken + 2);
}

/**
 * The account as the callers see it when part of its money is at the agency step: that part is the
 * manager's, so the call is at most the final demand on the rest (the age is held just below the
 * agency mark; the escalation rules still apply).
 */
function callableView(account: AccountInputs, asOf: IsoDate, agencyDays: number): AccountInputs {
  const oldest = account.open.reduce((m, i) => Math.max(m, i.dpd), 0);
  return { ...account, oldestDueDate: addDays(asOf, -Math.min(oldest, agencyDays - 1)) };
}

export function planAccount(
  account: AccountInputs,
  priors: PeerPriors,
  companyRate: number,
  asOf: IsoDate,
  policy: PolicySettings,
  display: MoneyDisplay,
  own?: LateSample,
): PlannedAccount {
  const settings = policy.lateness;
  const agencyDays = policy.ladder.agency;
  const pending = account.promises.pendingOn !== null && account.promises.pendingOn >= asOf;
  const prior = priors.of(segmentOf(account));
  const lateness = assessLateness(
    {
      history: account.history,
      open: account.open,
      ...(own ? { own } : {}),
      ...(pending
        ? {
            pendingPromiseCents: account.promises.pendingCents,
            promiseKeptRate: promiseKeptRate(account.promises, companyRate, settings),
          }
        : {}),
    },
    prior,
    settings,
    agencyDays,
  );
  const callable = lateness.agencyCents > 0 && lateness.callableCents > 0;
  const treatment = treatmentPlan(
    callable ? callableView(account, asOf, agencyDays) : account,
    asOf,
    policy,
    display,
  );
  const callbackDue = treatment.step === 'callback';
  return {
    account,
    treatment,
    large: isLarge(account, policy),
    forced: account.pinned ? 'pinned' : callbackDue ? 'callback' : null,
    lateness,
    peers: prior.label,
  };
}

/** A row put on a sheet with nothing due soon is an early call, not "nothing to do". */
const asCall = (p: PlannedAccount): PlannedAccount =>
  p.treatment.step === 'none' ? { ...p, treatment: { ...p.treatment, step: 'early_call' } } : p;

export function planDay(
  input: DayInputs,
  holders: readonly SheetHolder[],
  asOf: IsoDate,
  policy: PolicySettings,
  /** The base currency and locale the action labels' amounts are written in. */
  display: MoneyDisplay,
): DayPlan {
  const samples = input.accounts.map((a) => ownSample(a, policy.lateness));
  const priors = dayPriors(input, policy, samples);
  const companyRate = companyKeptRate(
    input.promiseRecord ? [input.promiseRecord] : input.accounts.map((a) => a.promises),
  );
  const planned = input.accounts.map((a, k) =>
    planAccount(a, priors, companyRate, asOf, policy, display, samples[k]),
  );
  const capacity = holders.reduce((sum, h) => sum + Math.max(0, Math.floor(h.capacity)), 0);
  const candidates = keepPlacesForOldest(
    sortedBy(
      planned.filter(
        (p) => p.forced !== null || (p.lateness.expectedLateCents > 0 && p.lateness.callableCents > 0),
      ),
      priorityOrder,
    ),
    Math.min(capacity, Math.round(capacity * policy.oldestShare)),
    capacity,
    policy.ladder.agency,
  );
  const { byCollector, overflow } = assignCollectors(
    candidates.map((p) => ({ planned: p, code: p.account.code, collectorId: p.account.collectorId })),
    holders,
    { lend: policy.lendOverflow },
  );
  const sheets = new Map<number, PlannedAccount[]>();
  for (const [id, rows] of byCollector)
    sheets.set(
      id,
      rows.map((r) => asCall(r.planned)),
    );
  const onSheet = new Set([...sheets.values()].flat().map((p) => p.account.customerId));
  const overCapacity = overflow.map((r) => r.planned);
  const overIds = new Set(overCapacity.map((p) => p.account.customerId));
  const offSheet = planned.filter((p) => !onSheet.has(p.account.customerId));
  const automated = sortedBy(
    offSheet.filter(
      (p) =>
        p.treatment.step !== 'none' &&
        !p.treatment.noDunning &&
        (p.lateness.callableCents > 0 || p.account.disputes.openCount > 0 || p.forced !== null),
    ),
    overdueOrder,
  ).map((p) => ({ ...p, overCapacity: overIds.has(p.account.customerId) }));
  const held = sortedBy(
    offSheet.filter((p) => p.treatment.noDunning),
    overdueOrder,
  );
  const agency = planned
    .filter((p) => p.lateness.agencyCents > 0)
    .map((p) => agencyEntry(p, asOf))
    .sort((a, b) => b.cents - a.cents || byCode(a.planned.account, b.planned.account));
  const listed = [...sheets.values()].flat();
  const agencyDays = policy.ladder.agency;
  let overdueCents = 0;
  let expectedLateCents = 0;
  for (const p of planned) {
    overdueCents += callableOverdue(p, agencyDays);
    expectedLateCents += p.lateness.expectedLateCents;
  }
  let coveredCents = 0;
  let coveredExpectedLateCents = 0;
  for (const p of listed) {
    coveredCents += callableOverdue(p, agencyDays);
    coveredExpectedLateCents += p.lateness.expectedLateCents;
  }
  return {
    asOf,
    lateDays: policy.lateness.lateDays,
    accounts: planned,
    sheets,
    automated,
    held,
    agency,
    coverage: { overdueCents, coveredCents, expectedLateCents, coveredExpectedLateCents },
    capacity,
    overCapacity,
  };
}

function agencyEntry(p: PlannedAccount, asOf: IsoDate): AgencyEntry {
  const oldest = p.account.open.reduce((m, i) => Math.max(m, i.dpd), 0);
  return {
    planned: p,
    cents: p.lateness.agencyCents,
    invoices: p.lateness.agencyInvoices,
    oldestDaysPastDue: p.account.oldestDueDate
      ? Math.max(oldest, daysFrom(p.account.oldestDueDate, asOf))
      : oldest,
    label: agencyStep(p.large),
  };
}
