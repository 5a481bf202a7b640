// The backtest: for every business day in a past period, ask each policy whom it would have
// called that morning (using only what was known then), and score the lists against what
// happened afterwards. Policies are functions (day, calls) → ordered customer ids; the first
// policy is the reference: its list length that day is everyone's number of calls, so the
// comparison is of who gets called, not of how many.

import { addDays, type IsoDate, isIsoDate, weekday } from '../domain/calendar.ts';
import { missingRatesText } from '../domain/fx.ts';
import {
  leadByWeek,
  type PolicyDay,
  type PolicySummary,
  summarizePolicy,
} from '../domain/kpis/backtest-summary.ts';
import {
  largestOverdueFirst,
  type OpenAccountSnapshot,
  oldestInvoiceFirst,
  randomOrder,
} from '../domain/kpis/baseline-policies.ts';
import { type Calibration, calibration } from '../domain/kpis/calibration.ts';
import type { InvoiceOdds } from '../domain/policy/lateness/assess-lateness.ts';
import { byPriority } from '../domain/policy/list-order.ts';
import type { PolicySettings } from '../domain/policy/policy-settings.ts';
import type { Result } from '../domain/result.ts';
import { type ListEntry, measureOutcomes, observedThrough, openByDay } from '../store/backtest-inputs.ts';
import { collectorsCapacity } from '../store/collectors.ts';
import { readRateGaps } from '../store/fx-rates.ts';
import { readSettings } from '../store/settings.ts';
import {
  type PaidInvoiceSource,
  preloadPaidInvoices,
  readSheetHolders,
  summarised,
} from '../store/sheet-inputs.ts';
import { planSheetsDay, predictionsOf, scaleCapacities } from './build-call-sheets.ts';
import { commandSettings } from './commands/settings.ts';
import { readMoneyDisplay } from './company-settings.ts';
import type { AppDeps } from './deps.ts';
import { policySettings } from './policy-settings.ts';
import type { InvoicePrediction } from './sheet-model.ts';

export interface BacktestPolicy {
  id: string;
  label: string;
  /** Whom to call on `asOf`, best first, at most `calls` customer ids. */
  pick(asOf: IsoDate, calls: number): Promise<number[]>;
}

export interface BacktestInput {
  from: IsoDate;
  to: IsoDate;
  /** Calls a day for the whole team; default: the collectors' daily capacities added up. */
  capacity?: number | undefined;
  /** Seed of the random baseline. */
  seed?: number | undefined;
  /** Replay every n-th business day only (1 = every day); for long periods on large ledgers. */
  every?: number | undefined;
  /** Called after each day with how many of the days are done. */
  progress?: (done: number, total: number) => void;
  /**
   * Also score Callsheet with the customers its automated tier e-mailed that day counted as
   * contacted (a row of its own; the others still get Callsheet's number of calls).
   */
  countReminded?: boolean | undefined;
  /**
   * Callsheet again with some policy settings changed (`--try policy.oldestShare=0.15`), one row
   * each, scored with the reference's number of calls like the baselines; nothing is stored.
   */
  tries?: readonly { label: string; policy: PolicySettings }[] | undefined;
}

export interface PolicyReport {
  id: string;
  label: string;
  summary: PolicySummary;
  daily: (PolicyDay & { coveragePct: number | null; earlyCoveragePct: number | null })[];
  leadByWeek: { week: IsoDate; avgLeadDays: number; invoices: number }[];
}

export interface BacktestReport {
  from: IsoDate;
  to: IsoDate;
  /** The last day the ledger knows about; fates after it are unknown. */
  observedThrough: IsoDate;
  days: IsoDate[];
  capacity: number;
  seed: number;
  lateDays: number;
  troubleDays: number;
  policies: PolicyReport[];
  /** Customers whose money went late in the period; under 20, the comparison is mostly noise. */
  lateCustomers: number;
  warning: string | null;
  /** The lateness model's predictions against what happened (null without Callsheet's lists). */
  calibration: Calibration | null;
  /** The base currency every amount is counted in. */
  base: string;
}

export type BacktestError = {
  code: 'bad_period' | 'no_business_days' | 'beyond_history' | 'no_history' | 'bad_capacity' | 'missing_rate';
  message: string;
};
export type BacktestResult = Result<BacktestReport, BacktestError>;

/** Fewer customers than this with late money make the comparison mostly noise. */
export const FEW_LATE_CUSTOMERS = 20;

/** The report's warning when so few customers went late that policies differ mostly by chance. */
export function fewLateWarning(lateCustomers: number, lateDays: number): string | null {
  return lateCustomers < FEW_LATE_CUSTOMERS
    ? `only ${lateCustomers} customers had money go more than ${lateDays} days late in this period: differences between policies are mostly chance; use a longer period or more history`
    : null;
}

/** How a replay differs from the stored Callsheet: other policy settings (`--try`), its own row. */
export interface ReplayOptions {
  id?: string;
  label?: string;
  /** Default: the stored policy settings. */
  policy?: PolicySettings;
  /** The period's settled invoices, when another replay has read them already. */
  paid?: PaidInvoiceSource | undefined;
  /** Each day's odds in place of the model's: a what-if (bench:ceiling replays the list with the demo's law). */
  odds?: (asOf: IsoDate) => InvoiceOdds;
}

/**
 * Callsheet's plan for each replayed day, as the sheets would hold it: the engine's own inputs and
 * plan, without the rows' contacts and reasons (not needed to score a list), and with the year of
 * settled invoices read once for the whole period.
 */
export async function replayedPolicy(
  deps: AppDeps,
  from: IsoDate,
  to: IsoDate,
  onPredictions: (list: readonly InvoicePrediction[]) => void,
  onReminded: (asOf: IsoDate, customerIds: number[]) => void = () => {},
  options: ReplayOptions = {},
): Promise<BacktestPolicy> {
  const sql = deps.store.sql;
  const policy = options.policy ?? (await readSettings(sql, policySettings));
  const { promiseGraceDays } = await readSettings(sql, commandSettings);
  const holders = await readSheetHolders(sql);
  const display = await readMoneyDisplay(sql);
  const histories = summarised(options.paid ?? (await preloadPaidInvoices(sql, from, to, display.base)));
  return {
    id: options.id ?? 'callsheet',
    label: options.label ?? 'Callsheet',
    async pick(asOf, calls) {
      const { plan } = await planSheetsDay(
        sql,
        asOf,
        scaleCapacities(holders, calls),
        policy,
        promiseGraceDays,
        display,
        histories,
        options.odds?.(asOf),
      );
      onPredictions(predictionsOf(plan));
      onReminded(
        asOf,
        plan.automated.map((p) => p.account.customerId),
      );
      return [...plan.sheets.values()]
        .flat()
        .sort(byPriority)
        .map((p) => p.account.customerId)
        .slice(0, calls);
    },
  };
}

/**
 * The ceiling, not a policy anyone can run: each day the customers whose money did go late, most
 * still-early late money first, as many as the reference called (fewer when fewer went late). Its
 * lists are built from the outcomes, where they are scored.
 */
export const HINDSIGHT: Pick<BacktestPolicy, 'id' | 'label'> = {
  id: 'hindsight',
  label: 'Hindsight (knew what went late: the ceiling)',
};

function remember(into: Map<IsoDate, number[]>, day: IsoDate, ids: number[]): number[] {
  into.set(day, ids);
  return ids;
}

/** The three baselines over each day's customers with open money, reconstructed as of that day. */
export function baselinePolicies(
  open: ReadonlyMap<IsoDate, readonly OpenAccountSnapshot[]>,
  seed: number,
): BacktestPolicy[] {
  const on = (day: IsoDate) => open.get(day) ?? [];
  return [
    {
      id: 'largest-overdue',
      label: 'Largest overdue balance first',
      pick: async (day, calls) => largestOverdueFirst(on(day), calls),
    },
    {
      id: 'oldest-invoice',
      label: 'Oldest invoice first',
      pick: async (day, calls) => oldestInvoiceFirst(on(day), calls),
    },
    {
      id: 'random',
      label: `Random (seed ${seed})`,
      pick: async (day, calls) => randomOrder(on(day), calls, seed, day),
    },
  ];
}

export function businessDays(from: IsoDate, to: IsoDate): IsoDate[] {
  const days: IsoDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (weekday(d) % 6 !== 0) days.push(d);
  return days;
}

/**
 * Runs the reference policy (by default Callsheet's own sheets, filled to the capacity) and the three
 * baselines over every business day from `from` to `to`, each making as many calls as the reference
 * made that day. With `reference` null, the first baseline sets the calls.
 */
export async function runBacktest(
  deps: AppDeps,
  input: BacktestInput,
  reference?: BacktestPolicy | null,
): Promise<BacktestResult> {
  const predictions: { invoiceId: number; p: number }[] = [];
  const reminded = new Map<IsoDate, number[]>();
  const called = new Map<IsoDate, number[]>();
  const tries = input.tries ?? [];
  const conn = deps.store.sql;
  const { base } = await readMoneyDisplay(conn);
  // The period's settled invoices, read once for every replay of the engine.
  const paid =
    reference === undefined || tries.length
      ? await preloadPaidInvoices(conn, input.from, input.to, base)
      : undefined;
  const replayed =
    reference === undefined
      ? await replayedPolicy(
          deps,
          input.from,
          input.to,
          (list) => {
            for (const x of list) predictions.push(x);
          },
          (day, ids) => reminded.set(day, ids),
          { paid },
        )
      : null;
  const tried: BacktestPolicy[] = [];
  for (const [k, t] of tries.entries())
    tried.push(
      await replayedPolicy(deps, input.from, input.to, () => {}, undefined, {
        id: `callsheet-try-${k + 1}`,
        label: t.label,
        policy: t.policy,
        paid,
      }),
    );
  const policyRef: BacktestPolicy | null = replayed
    ? { ...replayed, pick: async (day, calls) => remember(called, day, await replayed.pick(day, calls)) }
    : (reference ?? null);
  // Runs after the reference each day, so the day's calls and e-mails are known.
  const withReminded: BacktestPolicy[] =
    replayed && input.countReminded
      ? [
          {
            id: 'callsheet-reminded',
            label: 'Callsheet, e-mailed customers counted as contacted',
            pick: async (day) => [...new Set([...(called.get(day) ?? []), ...(reminded.get(day) ?? [])])],
          },
        ]
      : [];
  const fail = (code: BacktestError['code'], message: string): BacktestResult => ({
    ok: false,
    error: { code, message },
  });
  if (!isIsoDate(input.from) || !isIsoDate(input.to) || input.from > input.to)
    return fail(
      'bad_period',
      `the period must run from an earlier to a later day (got ${input.from} to ${input.to})`,
    );
  const last = await observedThrough(conn);
  if (!last)
    return fail('no_history', 'there are no invoices yet: import some history first (callsheet import)');
  if (input.to > last)
    return fail(
      'beyond_history',
      `the history ends on ${last}; pick a period that ends by then (--to ${last})`,
    );
  const every = input.every ?? 1;
  if (!Number.isInteger(every) || every < 1)
    return fail('bad_period', `every must be a whole number of business days ≥ 1 (got ${every})`);
  const days = businessDays(input.from, input.to).filter((_, k) => k % every === 0);
  if (!days.length) return fail('no_business_days', `${input.from} to ${input.to} has no business day`);
  const capacity = input.capacity ?? (await teamCapacity(deps));
  if (!Number.isInteger(capacity) || capacity < 1)
    return fail('bad_capacity', `the capacity must be a whole number of calls ≥ 1 (got ${capacity})`);
  const seed = input.seed ?? 42;
  // The late threshold is the policy's own: the backtest measures what the model predicts.
  const lateDays = (await readSettings(conn, policySettings)).lateness.lateDays;
  const troubleDays = 2 * lateDays;

  const gaps = await readRateGaps(conn, base);
  if (gaps.length) return fail('missing_rate', missingRatesText(gaps, base));
  const baselines = baselinePolicies(await openByDay(conn, days, base), seed);
  const policies = policyRef
    ? [policyRef, ...withReminded, ...tried, ...baselines]
    : [...tried, ...baselines];
  const lists: ListEntry[] = [];
  for (const [k, day] of days.entries()) {
    const lead = await policies[0]!.pick(day, capacity);
    const calls = lead.length;
    for (const id of lead) lists.push({ policy: policies[0]!.id, day, customerId: id });
    for (const policy of policies.slice(1))
      for (const id of await policy.pick(day, calls)) lists.push({ policy: policy.id, day, customerId: id });
    input.progress?.(k + 1, days.length);
  }

  const scored = [...policies, HINDSIGHT];
  const outcomes = await measureOutcomes(conn, {
    from: input.from,
    to: input.to,
    days,
    policies: scored.map((p) => p.id),
    hindsight: { policy: HINDSIGHT.id, callsLike: policies[0]!.id },
    lists,
    observedThrough: last,
    lateDays,
    troubleDays,
    base,
    fateOf: predictions.map((x) => x.invoiceId),
  });
  const reports = scored.map((p): PolicyReport => {
    const daily = outcomes.days.filter((d) => d.policy === p.id);
    const leads = outcomes.leads.filter((l) => l.policy === p.id);
    return {
      id: p.id,
      label: p.label,
      summary: summarizePolicy(daily, leads),
      daily: daily.map(({ policy: _, ...d }) => ({
        ...d,
        coveragePct: d.atRiskCents > 0 ? (d.coveredCents / d.atRiskCents) * 100 : null,
        earlyCoveragePct: d.earlyAtRiskCents > 0 ? (d.earlyCoveredCents / d.earlyAtRiskCents) * 100 : null,
      })),
      leadByWeek: leadByWeek(leads),
    };
  });
  return {
    ok: true,
    value: {
      from: input.from,
      to: input.to,
      observedThrough: last,
      days,
      capacity,
      seed,
      lateDays,
      troubleDays,
      policies: reports,
      lateCustomers: outcomes.lateCustomers,
      base,
      warning: fewLateWarning(outcomes.lateCustomers, lateDays),
      calibration: calibration(
        predictions.flatMap(({ invoiceId, p }) => {
          const late = outcomes.fates.get(invoiceId);
          return late === undefined ? [] : [{ p, late }];
        }),
      ),
    },
  };
}

const teamCapacity = (deps: AppDeps): Promise<number> => collectorsCapacity(deps.store.sql);
