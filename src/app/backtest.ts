// The backtest: for every business day in a past period, ask each policy whom it would have
// called that morning (using only what was known then), and score the lists against what
// happened afterwards. Policies are functions (day, calls) → ordered customer ids; the first
// policy is the reference: its list length that day is everyone's number of calls, so the
// comparison is of who gets called, not of how many.
import { addDays, type IsoDate, isIsoDate, weekday } from '../domain/calendar.ts';
import {
  leadByWeek,
  type PolicyDay,
  type PolicySummary,
  summarizePolicy,
} from '../domain/kpis/backtest-summary.ts';
import {
  largestOverdueFirst,
  type OverdueAccountSnapshot,
  oldestInvoiceFirst,
  randomOverdue,
} from '../domain/kpis/baseline-policies.ts';
import { type ListEntry, measureOutcomes, observedThrough, overdueByDay } from '../store/backtest-inputs.ts';
import { buildCallSheets } from './build-call-sheets.ts';
import type { AppDeps } from './deps.ts';
import type { CallSheet } from './sheet-model.ts';

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
}

export interface PolicyReport {
  id: string;
  label: string;
  summary: PolicySummary;
  daily: (PolicyDay & { coveragePct: number | null })[];
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
}

export type BacktestError = {
  code: 'bad_period' | 'no_business_days' | 'beyond_history' | 'no_history' | 'bad_capacity';
  message: string;
};
export type BacktestResult = { ok: true; value: BacktestReport } | { ok: false; error: BacktestError };

const LATE_DAYS = 30;
const TROUBLE_DAYS = 60;

/** Callsheet's own lists: every collector's call rows that morning, highest score first. */
export function callsheetPolicy(build: (asOf: IsoDate) => Promise<{ sheets: CallSheet[] }>): BacktestPolicy {
  return {
    id: 'callsheet',
    label: 'Callsheet',
    async pick(asOf, calls) {
      const { sheets } = await build(asOf);
      return sheets
        .flatMap((s) => s.rows.filter((r) => r.action.channel === 'call'))
        .sort((a, b) => b.score - a.score || a.customer.id - b.customer.id)
        .map((r) => r.customer.id)
        .filter((id, k, ids) => ids.indexOf(id) === k)
        .slice(0, calls);
    },
  };
}

/** The three baselines over each day's overdue accounts, reconstructed as of that day. */
export function baselinePolicies(
  overdue: ReadonlyMap<IsoDate, readonly OverdueAccountSnapshot[]>,
  seed: number,
): BacktestPolicy[] {
  const on = (day: IsoDate) => overdue.get(day) ?? [];
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
      pick: async (day, calls) => randomOverdue(on(day), calls, seed, day),
    },
  ];
}

export function businessDays(from: IsoDate, to: IsoDate): IsoDate[] {
  const days: IsoDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (weekday(d) % 6 !== 0) days.push(d);
  return days;
}

/**
 * Runs the reference policy (by default Callsheet's own sheets) and the three baselines over every
 * business day from `from` to `to`. With `reference` null, the first baseline sets the calls.
 */
export async function runBacktest(
  deps: AppDeps,
  input: BacktestInput,
  reference: BacktestPolicy | null = callsheetPolicy((asOf) =>
    buildCallSheets(deps, { asOf, automated: false }),
  ),
): Promise<BacktestResult> {
  const fail = (code: BacktestError['code'], message: string): BacktestResult => ({
    ok: false,
    error: { code, message },
  });
  if (!isIsoDate(input.from) || !isIsoDate(input.to) || input.from > input.to)
    return fail(
      'bad_period',
      `the period must run from an earlier to a later day (got ${input.from} to ${input.to})`,
    );
  const conn = deps.store.sql;
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

  const baselines = baselinePolicies(await overdueByDay(conn, days), seed);
  const policies = reference ? [reference, ...baselines] : baselines;
  const lists: ListEntry[] = [];
  for (const [k, day] of days.entries()) {
    const lead = await policies[0]!.pick(day, capacity);
    const calls = lead.length;
    for (const id of lead) lists.push({ policy: policies[0]!.id, day, customerId: id });
    for (const policy of policies.slice(1))
      for (const id of await policy.pick(day, calls)) lists.push({ policy: policy.id, day, customerId: id });
    input.progress?.(k + 1, days.length);
  }

  const outcomes = await measureOutcomes(conn, {
    from: input.from,
    to: input.to,
    days,
    policies: policies.map((p) => p.id),
    lists,
    observedThrough: last,
    lateDays: LATE_DAYS,
    troubleDays: TROUBLE_DAYS,
  });
  const reports = policies.map((p): PolicyReport => {
    const daily = outcomes.days.filter((d) => d.policy === p.id);
    const leads = outcomes.leads.filter((l) => l.policy === p.id);
    return {
      id: p.id,
      label: p.label,
      summary: summarizePolicy(daily, leads),
      daily: daily.map(({ policy: _, ...d }) => ({
        ...d,
        coveragePct: d.atRiskCents > 0 ? (d.coveredCents / d.atRiskCents) * 100 : null,
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
      lateDays: LATE_DAYS,
      troubleDays: TROUBLE_DAYS,
      policies: reports,
    },
  };
}

async function teamCapacity(deps: AppDeps): Promise<number> {
  const [row] = await deps.store.sql.query<{ capacity: number }>(
    `SELECT coalesce(sum(daily_capacity), 0)::int AS capacity FROM collectors WHERE active AND role = 'collector'`,
  );
  return row?.capacity ?? 0;
}
