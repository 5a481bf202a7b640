// `policy fit`: tunes the lateness model's few parameters (shrinkage, spread floor, trend weight,
// surprise rate) on
// the company's own history. Each replayed day's inputs and what later went late are read once;
// parameter sets are then scored in memory by the share of still-early late dollars their lists
// would have held. The result is judged on a later window than the one it learned from, and kept
// only if it does at least as well there as the current settings.

import { addDays, type IsoDate, isIsoDate } from '../domain/calendar.ts';
import { FITTED, type LatenessSettings } from '../domain/policy/lateness/lateness-settings.ts';
import { byCode } from '../domain/policy/list-order.ts';
import { type DayInputs, planDay } from '../domain/policy/plan-day.ts';
import type { PolicySettings } from '../domain/policy/policy-settings.ts';
import type { Result } from '../domain/result.ts';
import { type LateMoney, lateMoneyByDay, observedThrough } from '../store/backtest-inputs.ts';
import { readSettings, storedSettings, writeSettings } from '../store/settings.ts';
import { readSheetHolders, readSheetInputs } from '../store/sheet-inputs.ts';
import { businessDays } from './backtest.ts';
import { endOfDayIn, scaleCapacities } from './build-call-sheets.ts';
import { commandSettings } from './commands/settings.ts';
import { readMoneyDisplay } from './company-settings.ts';
import type { AppDeps } from './deps.ts';
import { policySettings } from './policy-settings.ts';
import { daysSinceBusinessDay, SCHEDULE_SETTINGS } from './schedule-settings.ts';

export type FittedParameters = Pick<LatenessSettings, (typeof FITTED)[number]>;

export interface FitInput {
  /** The days to learn from; default: the 4 months before the test window. */
  from?: IsoDate | undefined;
  to?: IsoDate | undefined;
  /** Replay every n-th business day (default 3): neighbouring days are nearly the same lists. */
  every?: number | undefined;
  /** Calls a day; default: the team's capacity. */
  capacity?: number | undefined;
  /** Print only; change nothing. */
  dryRun?: boolean | undefined;
  actor: { actor: string; source: string };
  progress?: (line: string) => void;
}

export interface WindowScore {
  from: IsoDate;
  to: IsoDate;
  days: number;
  /** Still-early late dollars on the lists ÷ all still-early late dollars, percent. */
  before: number | null;
  after: number | null;
  /** Largest overdue balance first, the same number of calls a day. */
  largestOverdue: number | null;
}

export interface FitReport {
  before: FittedParameters;
  /** The best values found on the learning window, kept or not. */
  fitted: FittedParameters;
  /** The values in effect now. */
  after: FittedParameters;
  fit: WindowScore;
  test: WindowScore;
  capacity: number;
  saved: boolean;
  /** Why the fitted values were not kept, if they were not. */
  kept: string | null;
  evaluations: number;
}

export type FitError = { code: 'bad_period' | 'no_history' | 'short_history'; message: string };
export type FitResult = Result<FitReport, FitError>;

/** The values tried for each parameter (coordinate search, two rounds). */
const GRID: Record<(typeof FITTED)[number], readonly number[]> = {
  shrinkage: [0.5, 1, 2, 4, 8, 16, 32],
  spreadFloorDays: [1, 2, 3, 4, 6, 8, 12],
  trendWeight: [0, 0.25, 0.5, 0.75, 1, 1.5],
  surpriseRate: [0, 0.005, 0.01, 0.02, 0.03, 0.05],
};

interface ReplayDay {
  day: IsoDate;
  inputs: DayInputs;
  late: Map<number, LateMoney>;
}

const pick = (l: LatenessSettings): FittedParameters => ({
  shrinkage: l.shrinkage,
  spreadFloorDays: l.spreadFloorDays,
  trendWeight: l.trendWeight,
  surpriseRate: l.surpriseRate,
});

export async function fitPolicy(deps: AppDeps, input: FitInput): Promise<FitResult> {
  const sql = deps.store.sql;
  const fail = (code: FitError['code'], message: string): FitResult => ({
    ok: false,
    error: { code, message },
  });
  const policy = await readSettings(sql, policySettings);
  const L = policy.lateness.lateDays;
  const last = await observedThrough(sql);
  if (!last)
    return fail('no_history', 'there are no invoices yet: import some history first (callsheet import)');
  // A day's outcome is known once its invoices had time to go L days late: judge no later than that.
  const lastJudged = addDays(last, -L);
  const every = input.every ?? 3;
  if (!Number.isInteger(every) || every < 1)
    return fail('bad_period', `every must be a whole number of business days ≥ 1 (got ${every})`);
  let fitFrom: IsoDate;
  let fitTo: IsoDate;
  let testFrom: IsoDate;
  let testTo: IsoDate;
  if (input.from !== undefined || input.to !== undefined) {
    if (!input.from || !input.to || !isIsoDate(input.from) || !isIsoDate(input.to) || input.from > input.to)
      return fail('bad_period', 'give both --from and --to, the earlier first (YYYY-MM-DD)');
    [fitFrom, fitTo] = [input.from, input.to];
    testFrom = addDays(fitTo, 1);
    testTo = addDays(fitTo, 61) < lastJudged ? addDays(fitTo, 61) : lastJudged;
    if (testFrom > testTo)
      return fail(
        'short_history',
        `the fit is judged on days after it, and the history (to ${last}) leaves none after ${fitTo}: end --to by ${addDays(lastJudged, -30)}`,
      );
  } else {
    testTo = lastJudged;
    testFrom = addDays(testTo, -60);
    fitTo = addDays(testFrom, -1);
    fitFrom = addDays(fitTo, -121);
  }
  const fitDays = businessDays(fitFrom, fitTo).filter((_, k) => k % every === 0);
  const testDays = businessDays(testFrom, testTo).filter((_, k) => k % every === 0);
  if (!fitDays.length || !testDays.length)
    return fail('bad_period', `no business day to replay between ${fitFrom} and ${testTo}`);

  const allHolders = await readSheetHolders(sql);
  const holders = input.capacity === undefined ? allHolders : scaleCapacities(allHolders, input.capacity);
  const sheetHolders = holders.map((h) => ({ id: h.id, code: h.code, capacity: h.dailyCapacity }));
  const capacity = sheetHolders.reduce((s, h) => s + h.capacity, 0);
  const { promiseGraceDays } = await readSettings(sql, commandSettings);
  const zone = holders[0]?.timeZone ?? 'UTC';
  const display = await readMoneyDisplay(sql);
  const { base } = display;

  const schedule = await readSettings(sql, SCHEDULE_SETTINGS);
  const load = async (days: IsoDate[], label: string): Promise<ReplayDay[]> => {
    const late = await lateMoneyByDay(sql, { days, observedThrough: last, lateDays: L, base });
    const out: ReplayDay[] = [];
    for (const [k, day] of days.entries()) {
      input.progress?.(`reading ${label} day ${k + 1}/${days.length}`);
      const inputs = await readSheetInputs(sql, {
        asOf: day,
        base,
        cutoff: endOfDayIn(day, zone),
        timeZone: zone,
        brokenPromiseWindowDays: policy.thresholds.brokenPromiseWindowDays,
        dueSoonDays: Math.max(policy.ladder.courtesyCallDays, policy.ladder.preDueReminderDays),
        lateDays: L,
        halfLifeDays: policy.lateness.halfLifeDays,
        promiseGraceDays,
      });
      out.push({
        day,
        inputs: { ...inputs, daysSinceLastSheet: daysSinceBusinessDay(day, schedule) },
        late: late.get(day) ?? new Map(),
      });
    }
    return out;
  };
  const fitReplay = await load(fitDays, 'fit');
  const testReplay = await load(testDays, 'test');

  let evaluations = 0;
  const score = (params: FittedParameters, replay: readonly ReplayDay[]) => {
    evaluations++;
    const withParams: PolicySettings = { ...policy, lateness: { ...policy.lateness, ...params } };
    return coverage(replay, (r) => {
      const plan = planDay(r.inputs, sheetHolders, r.day, withParams, display);
      return [...plan.sheets.values()].flat().map((p) => p.account.customerId);
    });
  };
  const before = pick(policy.lateness);
  let best = before;
  let bestScore = score(best, fitReplay) ?? 0;
  for (let round = 0; round < 2; round++)
    for (const name of FITTED)
      for (const value of GRID[name]) {
        if (value === best[name]) continue;
        input.progress?.(`fitting: ${name} = ${value} (${evaluations} tried)`);
        const candidate = { ...best, [name]: value };
        const s = score(candidate, fitReplay) ?? 0;
        // Strictly better only: on a plateau the current value stays.
        if (s > bestScore + 1e-9) {
          best = candidate;
          bestScore = s;
        }
      }

  const window = (replay: readonly ReplayDay[], from: IsoDate, to: IsoDate): WindowScore => ({
    from,
    to,
    days: replay.length,
    before: score(before, replay),
    after: score(best, replay),
    largestOverdue: coverage(replay, (r) =>
      [...r.inputs.accounts]
        .filter((a) => a.openCents > 0)
        .sort((a, b) => b.overdueCents - a.overdueCents || b.openCents - a.openCents || byCode(a, b))
        .slice(0, capacity)
        .map((a) => a.customerId),
    ),
  });
  const fit = window(fitReplay, fitFrom, fitTo);
  const test = window(testReplay, testFrom, testTo);
  const changed = FITTED.some((k) => best[k] !== before[k]);
  const worse = (test.after ?? 0) < (test.before ?? 0);
  const kept = !changed
    ? 'the current values already fit best'
    : worse
      ? `the fitted values did worse on the later window (${fmt(test.after)} vs ${fmt(test.before)}): the current values stay`
      : null;
  const save = changed && !worse && !input.dryRun;
  if (save) {
    const stored = (await storedSettings(sql, policySettings.key)).lateness;
    await writeSettings(
      sql,
      policySettings,
      { lateness: { ...(typeof stored === 'object' && stored !== null ? stored : {}), ...best } },
      input.actor,
    );
  }
  return {
    ok: true,
    value: {
      before,
      fitted: best,
      after: save ? best : before,
      fit,
      test,
      capacity,
      saved: save,
      kept,
      evaluations,
    },
  };
}

const fmt = (x: number | null) => (x === null ? '–' : `${x.toFixed(1)}%`);

/** Still-early late dollars on the lists ÷ all of them, over the replayed days (percent). */
function coverage(replay: readonly ReplayDay[], list: (r: ReplayDay) => number[]): number | null {
  let covered = 0;
  let total = 0;
  for (const r of replay) {
    for (const m of r.late.values()) total += m.earlyCents;
    for (const id of new Set(list(r))) covered += r.late.get(id)?.earlyCents ?? 0;
  }
  return total > 0 ? (covered / total) * 100 : null;
}
