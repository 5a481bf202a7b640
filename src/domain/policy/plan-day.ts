// One day's plan for the whole team. Every account with open money is assessed by the lateness
// model (its expected late dollars, Σ open × P(paid more than L days late | unpaid at its age));
// the call list is filled to the team's capacity in that order — pinned accounts and callbacks the
// customer asked for first — and put on collectors' sheets. Money at the agency step leaves the
// callers' capacity for the managers' agency queue; everything else with a step to take goes to the
// automated tier. Every account's totals and step are found first, without labels or per-invoice
// lists; an account is assessed in full only when the plan shows it (a day has tens of thousands of
// accounts and a few hundred rows). Pure: the same inputs always give the same plan (what is
// assessed on demand is remembered), and no input is changed.
import { addDays, type IsoDate } from '../calendar.ts';
import type { Cents } from '../money.ts';
import type { MoneyDisplay } from '../money-text.ts';
import type { AccountInputs } from './account-inputs.ts';
import { assignCollectors, type SheetHolder } from './assign-collectors.ts';
import { daysFrom } from './days.ts';
import {
  assessLateness,
  type InvoiceOdds,
  type LatenessAssessment,
  type LatenessSubject,
  lateOpenWeight,
  lateTotals,
  ownSample,
  promiseKeptRate,
} from './lateness/assess-lateness.ts';
import type { LateSample } from './lateness/late-survival.ts';
import type { LatenessSettings } from './lateness/lateness-settings.ts';
import { learnPayClasses, withPayClasses } from './lateness/pay-classes.ts';
import {
  addSample,
  copySums,
  type PeerPriors,
  type PeerSums,
  peerPriors,
  priorsOf,
} from './lateness/peer-priors.ts';
import {
  byCode,
  type Forced,
  forcedRank,
  keepPlaces,
  NOT_FORCED,
  overdueOrder,
  type RankedFirst,
  rankedFirst,
  type Triage,
  unsortedFrom,
} from './list-order.ts';
import type { PolicySettings } from './policy-settings.ts';
import {
  agencyStep,
  holdsLetters,
  isLarge,
  type Treatment,
  type TreatmentStep,
  treatmentPlan,
  treatmentStep,
} from './treatment.ts';
import { plural } from './words.ts';

export interface PlannedAccount {
  account: AccountInputs;
  /** What to do about the money still with the callers (the agency step's money is apart). */
  treatment: Treatment;
  large: boolean;
  /** On the list whatever its expected late dollars: pinned by a manager, or a callback due. */
  forced: Forced;
  /**
   * Listed in a place kept for late debts (`policy.oldestShare`), not for its dollars: its late
   * debt's call is due today (`policy.lateCallEveryDays`), or it is among the oldest.
   */
  reserved?: KeptFor;
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
  /**
   * Every customer's settled year (those with nothing open too: they still teach their peers)
   * summed by peer segment, when the reader has it: the priors then add only the accounts' open
   * late money. Without it the priors learn from the accounts alone.
   */
  historySums?: PeerSums;
  /** Promises judged in the last year, company-wide; default: the accounts' own added up. */
  promiseRecord?: { kept: number; broken: number };
  /**
   * Days since the previous day with sheets (3 on a Monday after a weekend off; default 1): a late
   * debt's call that fell on a day without sheets is due on this one.
   */
  daysSinceLastSheet?: number;
  /** Each open invoice's odds in place of the model's (a what-if for analysis; docs/backtest.md). */
  odds?: InvoiceOdds | undefined;
}

/** Why an account holds a kept place: its late debt's call is due today, or it is among the oldest. */
export type KeptFor = 'late_call' | 'oldest';

export interface DayPlan {
  asOf: IsoDate;
  lateDays: number;
  /** Every account assessed, in the order read (by code); assessed in full when first read. */
  readonly accounts: PlannedAccount[];
  /** Rows per sheet holder id, in list order. */
  sheets: Map<number, PlannedAccount[]>;
  /**
   * Everyone else with a step to take, largest overdue first; `overCapacity` did not fit a sheet.
   * Assessed in full when first read; `automatedCount` counts it without that.
   */
  readonly automated: (PlannedAccount & { overCapacity: boolean })[];
  /** One collector's own accounts in `automated`, assessed without assessing the rest (a digest's part). */
  automatedOf(collectorId: number): (PlannedAccount & { overCapacity: boolean })[];
  automatedCount: number;
  /** Not on a sheet, and no letter either: a promise not yet due, or a reliable pattern. */
  readonly held: PlannedAccount[];
  heldCount: number;
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

/** Overdue money still with the callers: past due, below the agency step. */
function callableOverdue(account: AccountInputs, agencyDays: number): number {
  let cents = 0;
  for (const i of account.open) if (i.dpd > 0 && i.dpd < agencyDays) cents += i.cents;
  return cents;
}

/** Days past due of the account's oldest invoice still with the callers (below the agency step). */
export function oldestCallableDays(account: Pick<AccountInputs, 'open'>, agencyDays: number): number | null {
  let oldest: number | null = null;
  for (const i of account.open) if (i.dpd < agencyDays && (oldest === null || i.dpd > oldest)) oldest = i.dpd;
  return oldest;
}

/**
 * Whether the account's late debt (its oldest invoice still with the callers, more than L days past
 * due) is due a call today: on the first sheet day after it turned late, then every
 * `lateCallEveryDays`. A call that fell on a day without sheets is due on the next sheet day.
 */
export function lateCallDue(
  account: Pick<AccountInputs, 'open'>,
  policy: Pick<PolicySettings, 'lateCallEveryDays' | 'lateness' | 'ladder'>,
  daysSinceLastSheet = 1,
): boolean {
  return lateCallDueAt(oldestCallableDays(account, policy.ladder.agency), policy, daysSinceLastSheet);
}

/** `lateCallDue` for a debt `age` days past due (null: no debt still with the callers). */
function lateCallDueAt(
  age: number | null,
  policy: Pick<PolicySettings, 'lateCallEveryDays' | 'lateness'>,
  daysSinceLastSheet: number,
): boolean {
  const every = policy.lateCallEveryDays;
  if (every <= 0 || age === null) return false;
  const late = age - (policy.lateness.lateDays + 1); // days since it turned late
  return late >= 0 && late % every < daysSinceLastSheet;
}

/**
 * An account's claim on a kept place (0: none; higher first): its oldest callable debt's days past
 * due, raised above every age when that debt's late call is due today. The age is found once: this
 * runs for every account the dollars leave off the sheets.
 */
function keptPlaceClaim(account: AccountInputs, policy: PolicySettings, daysSinceLastSheet: number): number {
  const age = oldestCallableDays(account, policy.ladder.agency) ?? 0;
  if (age <= 0) return 0;
  return lateCallDueAt(age, policy, daysSinceLastSheet) ? age + policy.ladder.agency : age;
}

/** Why a row sits in a place kept for late debts (its dollars alone would not list it). */
export function reservedReason(
  p: PlannedAccount,
  policy: Pick<PolicySettings, 'lateness' | 'ladder'>,
): string {
  const days = plural(oldestCallableDays(p.account, policy.ladder.agency) ?? 0, 'day');
  return p.reserved === 'late_call'
    ? `its late debt's call is due: ${days} past due, more than ${policy.lateness.lateDays} (a place is kept for late debts)`
    : `one of the oldest debts still with the callers: ${days} past due (a place is kept for them)`;
}

/**
 * The peers' priors of the day, from every customer with a history or late money. `samples`: the
 * accounts' own samples in order, when the caller has them (a day's plan reuses them).
 */
export function dayPriors(
  input: DayInputs,
  policy: PolicySettings,
  samples?: readonly LateSample[],
): PeerPriors {
  const settings = policy.lateness;
  const own = samples ?? input.accounts.map((a) => ownSample(a, settings));
  return withPayClasses(segmentPriors(input, settings, own), learnPayClasses(own, settings));
}

function segmentPriors(input: DayInputs, settings: LatenessSettings, own: readonly LateSample[]): PeerPriors {
  if (input.historySums) {
    const sums = copySums(input.historySums);
    for (const a of input.accounts) {
      const late = lateOpenWeight(a, settings, 0);
      if (late > 0) addSample(sums, a, { binWeights: NO_WEIGHTS, lateWeight: late });
    }
    return priorsOf(sums, settings);
  }
  return peerPriors(
    input.accounts.map((a, k) => ({ segment: a, sample: own[k]! })),
    settings,
  );
}

const NO_WEIGHTS = new Float64Array(0);

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

/** What every account of a day is planned against. */
export interface PlanningDay {
  asOf: IsoDate;
  policy: PolicySettings;
  priors: PeerPriors;
  /** The company's share of promises kept (`companyKeptRate`). */
  companyRate: number;
  /** The base currency and locale the action labels' amounts are written in. */
  display: MoneyDisplay;
  odds?: InvoiceOdds | undefined;
}

/** What the lateness model weighs of an account on the day. */
function latenessSubject(account: AccountInputs, day: PlanningDay, own: LateSample): LatenessSubject {
  const { asOf, policy, companyRate, odds } = day;
  const pending = account.promises.pendingOn !== null && account.promises.pendingOn >= asOf;
  // Every field present, in one order: one object shape for every account keeps the model's reads
  // of it fast (a day's plan makes one per account).
  return {
    history: account.history,
    open: account.open,
    own,
    pendingPromiseCents: pending ? account.promises.pendingCents : undefined,
    promiseKeptRate: pending ? promiseKeptRate(account.promises, companyRate, policy.lateness) : undefined,
    odds,
  };
}

/** The account whose treatment the callers follow, given its money at and below the agency step. */
const treatedAs = (
  account: AccountInputs,
  totals: { agencyCents: number; callableCents: number },
  asOf: IsoDate,
  policy: PolicySettings,
): AccountInputs =>
  totals.agencyCents > 0 && totals.callableCents > 0
    ? callableView(account, asOf, policy.ladder.agency)
    : account;

/** Why the account is on the list whatever its dollars, given its treatment step. */
const forcedBy = (account: AccountInputs, step: TreatmentStep): Forced =>
  account.pinned ? 'pinned' : step === 'callback' ? 'callback' : null;

export function planAccount(account: AccountInputs, day: PlanningDay, own?: LateSample): PlannedAccount {
  const { asOf, policy, display } = day;
  const sample = own ?? ownSample(account, policy.lateness);
  const prior = day.priors.of(account, sample);
  const lateness = assessLateness(
    latenessSubject(account, day, sample),
    prior,
    policy.lateness,
    policy.ladder.agency,
  );
  const treatment = treatmentPlan(treatedAs(account, lateness, asOf, policy), asOf, policy, display);
  return {
    account,
    treatment,
    large: isLarge(account, policy),
    forced: forcedBy(account, treatment.step),
    lateness,
    peers: prior.label,
  };
}

/** An account's triage: what `planAccount` would find of its totals and step, without labels or invoices. */
function triage(account: AccountInputs, k: number, day: PlanningDay, own: LateSample): Triage {
  const { asOf, policy } = day;
  const totals = lateTotals(
    latenessSubject(account, day, own),
    day.priors.of(account, own),
    policy.lateness,
    policy.ladder.agency,
  );
  const step = treatmentStep(treatedAs(account, totals, asOf, policy), asOf, policy);
  return {
    k,
    forced: forcedRank(forcedBy(account, step)),
    expected: totals.expectedLateCents,
    callable: totals.callableCents,
    agency: totals.agencyCents,
    overdue: account.overdueCents,
    code: account.code,
    collectorId: account.collectorId,
    step,
  };
}

/** A row put on a sheet with nothing due soon is an early call, not "nothing to do". */
const asCall = (p: PlannedAccount): PlannedAccount =>
  p.treatment.step === 'none' ? { ...p, treatment: { ...p.treatment, step: 'early_call' } } : p;

/** A value computed when first read, then kept. */
function once<T>(make: () => T): () => T {
  let value: { v: T } | null = null;
  return () => {
    value ??= { v: make() };
    return value.v;
  };
}

export function planDay(
  input: DayInputs,
  holders: readonly SheetHolder[],
  asOf: IsoDate,
  policy: PolicySettings,
  /** The base currency and locale the action labels' amounts are written in. */
  display: MoneyDisplay,
): DayPlan {
  const accounts = input.accounts;
  const agencyDays = policy.ladder.agency;
  const samples = accounts.map((a) => ownSample(a, policy.lateness));
  const day: PlanningDay = {
    asOf,
    policy,
    priors: dayPriors(input, policy, samples),
    companyRate: companyKeptRate(
      input.promiseRecord ? [input.promiseRecord] : accounts.map((a) => a.promises),
    ),
    display,
    odds: input.odds,
  };
  const triaged = accounts.map((a, k) => triage(a, k, day, samples[k]!));
  const full: (PlannedAccount | undefined)[] = new Array(accounts.length);
  const planned = (k: number): PlannedAccount => (full[k] ??= planAccount(accounts[k]!, day, samples[k]));
  const sinceLastSheet = Math.max(1, input.daysSinceLastSheet ?? 1);
  const plannedOf = (t: Triage): PlannedAccount =>
    t.reserved
      ? {
          ...planned(t.k),
          reserved: lateCallDue(accounts[t.k]!, policy, sinceLastSheet) ? 'late_call' : 'oldest',
        }
      : planned(t.k);

  const capacity = holders.reduce((sum, h) => sum + Math.max(0, Math.floor(h.capacity)), 0);
  const places = Math.min(capacity, Math.round(capacity * policy.oldestShare));
  const eligible = triaged.filter((t) => t.forced !== NOT_FORCED || (t.expected > 0 && t.callable > 0));
  const fill = (ranked: RankedFirst) => {
    const candidates = keepPlaces(ranked.order, places, capacity, (t) =>
      keptPlaceClaim(accounts[t.k]!, policy, sinceLastSheet),
    );
    const assigned = assignCollectors(candidates, holders, { lend: policy.lendOverflow });
    return { ...assigned, sortedTo: unsortedFrom(candidates, ranked) };
  };
  // Usually the sheets fill from the first few places of the order; when they do not (full sheets
  // whose accounts cannot be lent), the whole order is sorted and the sheets filled again.
  let filled = fill(rankedFirst(eligible, 2 * capacity + places));
  if (filled.examined > filled.sortedTo) filled = fill(rankedFirst(eligible, eligible.length));
  const { byCollector, overflow } = filled;
  const sheets = new Map<number, PlannedAccount[]>();
  const onSheet = new Set<number>();
  for (const [id, rows] of byCollector) {
    sheets.set(
      id,
      rows.map((t) => asCall(plannedOf(t))),
    );
    for (const t of rows) onSheet.add(t.k);
  }
  const overCapacity = overflow.map(plannedOf);
  const over = new Set(overflow.map((t) => t.k));
  const offSheet = triaged.filter((t) => !onSheet.has(t.k));
  const automated = offSheet.filter(
    (t) =>
      t.step !== 'none' &&
      !holdsLetters(t.step) &&
      (t.callable > 0 || accounts[t.k]!.disputes.openCount > 0 || t.forced !== NOT_FORCED),
  );
  const held = offSheet.filter((t) => holdsLetters(t.step));
  const automatedRow = (t: Triage) => ({ ...planned(t.k), overCapacity: over.has(t.k) });
  const automatedList = once(() => automated.sort(overdueOrder).map(automatedRow));
  const heldList = once(() => held.sort(overdueOrder).map((t) => planned(t.k)));
  const accountList = once(() => accounts.map((_, k) => planned(k)));
  const agency = triaged
    .filter((t) => t.agency > 0)
    .map((t) => agencyEntry(planned(t.k), asOf))
    .sort((a, b) => b.cents - a.cents || byCode(a.planned.account, b.planned.account));
  let overdueCents = 0;
  let expectedLateCents = 0;
  for (const t of triaged) {
    overdueCents += callableOverdue(accounts[t.k]!, agencyDays);
    expectedLateCents += t.expected;
  }
  let coveredCents = 0;
  let coveredExpectedLateCents = 0;
  for (const rows of byCollector.values())
    for (const t of rows) {
      coveredCents += callableOverdue(accounts[t.k]!, agencyDays);
      coveredExpectedLateCents += t.expected;
    }
  const plan: Omit<DayPlan, 'automatedOf'> = {
    asOf,
    lateDays: policy.lateness.lateDays,
    get accounts() {
      return accountList();
    },
    sheets,
    get automated() {
      return automatedList();
    },
    automatedCount: automated.length,
    get held() {
      return heldList();
    },
    heldCount: held.length,
    agency,
    coverage: { overdueCents, coveredCents, expectedLateCents, coveredExpectedLateCents },
    capacity,
    overCapacity,
  };
  // A method, not data: not enumerable, so a plan compares and serialises as what it holds.
  return Object.defineProperty(plan as DayPlan, 'automatedOf', {
    value: (collectorId: number) =>
      automated
        .filter((t) => t.collectorId === collectorId)
        .sort(overdueOrder)
        .map(automatedRow),
  });
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
