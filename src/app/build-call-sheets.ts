// This morning's call sheets: who each collector calls, in which order, what to do and why; the
// automated tier (mail-merge queue) for everyone else; and the manager's team view. The store
// computes per-customer aggregates as of the day in SQL; the pure policy code ranks them.
import { TZDate } from '@date-fns/tz';
import { addDays, type IsoDate, todayIn } from '../domain/calendar.ts';
import { type DayPlan, rankDay, rankingCandidates, selectDay } from '../domain/policy/plan-day.ts';
import type { PolicySettings } from '../domain/policy/policy-settings.ts';
import { dollars, plural } from '../domain/policy/words.ts';
import { UserError } from '../shared/errors.ts';
import { readSettings } from '../store/settings.ts';
import {
  readContacts,
  readOverdueInvoices,
  readScoreInputs,
  readSheetHolders,
  readSheetInputs,
  type SheetHolderRow,
} from '../store/sheet-inputs.ts';
import type { SqlConn } from '../store/sql.ts';
import type { AppDeps } from './deps.ts';
import { policySettings } from './policy-settings.ts';
import type { CallSheet, ManagerSummary, SheetSet } from './sheet-model.ts';
import { isEscalation, toAutomatedRow, toSheetRow } from './sheet-rows.ts';

export interface BuildCallSheetsOptions {
  /** The day to build for; default: today in each collector's time zone. */
  asOf?: IsoDate;
  /** Only this collector's sheet (and automated rows); the plan is still the whole team's. */
  collectorCode?: string;
  /**
   * Include the automated tier's rows (contacts, invoice numbers for the mail merge); default true.
   * Digests that post only the sheets pass false: the tier is then counted, not listed.
   */
  automated?: boolean;
}

/** The instant a calendar day ends in a time zone (ISO 8601), for "logged on or before D". */
export function endOfDayIn(date: IsoDate, timeZone: string): string {
  const [y, m, d] = addDays(date, 1).split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, 0, 0, 0, timeZone).getTime()).toISOString();
}

/** One day's plan from the store: read selection inputs, then the ranked few's history. */
export async function planSheetsDay(
  sql: SqlConn,
  asOf: IsoDate,
  holders: readonly Pick<SheetHolderRow, 'id' | 'code' | 'dailyCapacity' | 'timeZone'>[],
  policy: PolicySettings,
) {
  const accounts = await readSheetInputs(sql, {
    asOf,
    cutoff: endOfDayIn(asOf, holders[0]?.timeZone ?? 'UTC'),
    timeZone: holders[0]?.timeZone ?? 'UTC',
    brokenPromiseWindowDays: policy.thresholds.brokenPromiseWindowDays,
    dueSoonDays: Math.max(policy.ladder.courtesyCallDays, policy.ladder.preDueReminderDays),
  });
  const selection = selectDay(
    accounts,
    holders.map((h) => ({ id: h.id, code: h.code, capacity: h.dailyCapacity })),
    asOf,
    policy,
  );
  // Selection needs balances and treatments only; payment history and orders are read for the
  // few that get ranked and added to their accounts before ranking computes any score.
  const ranked = rankingCandidates(selection);
  const extra = await readScoreInputs(
    sql,
    asOf,
    ranked.map((a) => a.customerId),
  );
  for (const account of ranked) Object.assign(account, extra.get(account.customerId));
  return { accounts, plan: rankDay(selection) };
}

export async function buildCallSheets(
  deps: AppDeps,
  options: BuildCallSheetsOptions = {},
): Promise<SheetSet> {
  const policy = await readSettings(deps.store.sql, policySettings);
  const holders = await readSheetHolders(deps.store.sql);
  const only = options.collectorCode?.toLowerCase();
  if (only !== undefined && !holders.some((h) => h.code.toLowerCase() === only)) {
    const known = holders.map((h) => h.code).join(', ') || 'none yet';
    throw new UserError(`no collector "${options.collectorCode}" has a call sheet (collectors: ${known})`);
  }
  // Each collector's "today" is in their own zone; near midnight the team can span two days.
  const dayOf = new Map(holders.map((h) => [h.id, options.asOf ?? todayIn(h.timeZone, deps.now())]));
  const days = [...new Set(dayOf.values())].sort();
  const teamDay = options.asOf ?? days[days.length - 1] ?? todayIn('UTC', deps.now());
  const plans = new Map<IsoDate, Awaited<ReturnType<typeof planSheetsDay>>>();
  for (const day of days.length ? days : [teamDay])
    plans.set(day, await planSheetsDay(deps.store.sql, day, holders, policy));
  const team = plans.get(teamDay)!;

  const sheetHolders = holders.filter((h) => only === undefined || h.code.toLowerCase() === only);
  const onSheets = new Set<number>();
  for (const h of sheetHolders)
    for (const p of plans.get(dayOf.get(h.id)!)!.plan.sheets.get(h.id) ?? [])
      onSheets.add(p.account.customerId);
  const automatedPlanned =
    options.automated === false
      ? []
      : team.plan.automated.filter(
          (p) => only === undefined || sheetHolders.some((h) => h.id === p.account.collectorId),
        );
  const needed = new Set<number>(onSheets);
  for (const p of automatedPlanned) needed.add(p.account.customerId);
  const contacts = await readContacts(deps.store.sql, [...needed]);
  const invoices = await readOverdueInvoices(deps.store.sql, teamDay, [...needed]);

  const dueToday = promisesDueTodayByHolder(plans, sheetHolders, dayOf);
  const sheets: CallSheet[] = sheetHolders.map((h) => {
    const { plan } = plans.get(dayOf.get(h.id)!)!;
    const planned = plan.sheets.get(h.id) ?? [];
    const rows = planned.map((p, k) => toSheetRow(p, k + 1, plan.asOf, { contacts, invoices }));
    return {
      asOf: plan.asOf,
      collector: {
        id: h.id,
        code: h.code,
        name: h.name,
        timeZone: h.timeZone,
        dailyCapacity: h.dailyCapacity,
      },
      rows,
      summary: {
        calls: rows.length,
        overdueCents: rows.reduce((sum, r) => sum + r.overdueCents, 0),
        escalations: rows.filter((r) => isEscalation(r.action)).length,
        promisesDueToday: dueToday.get(h.id) ?? 0,
      },
    };
  });
  const codes = new Map(holders.map((h) => [h.id, h.code]));
  const automated = automatedPlanned.map((p) =>
    toAutomatedRow(p, team.plan.asOf, { contacts, invoices }, codes),
  );
  return {
    asOf: teamDay,
    sheets,
    automated,
    summary: managerSummary(team.plan, sheets, team.plan.automated.length),
  };
}

/**
 * Promises falling due today on each holder's accounts or on their sheet (an account on another
 * collector's sheet counts for both), from the few accounts that have one, not every account.
 */
function promisesDueTodayByHolder(
  plans: ReadonlyMap<IsoDate, Awaited<ReturnType<typeof planSheetsDay>>>,
  holders: readonly { id: number }[],
  dayOf: ReadonlyMap<number, IsoDate>,
): Map<number, number> {
  const due = new Map(
    [...plans].map(([day, { accounts }]) => [day, accounts.filter((a) => a.promises.dueTodayCount > 0)]),
  );
  const out = new Map<number, number>();
  for (const h of holders) {
    const day = dayOf.get(h.id)!;
    const onSheet = new Set((plans.get(day)!.plan.sheets.get(h.id) ?? []).map((p) => p.account.customerId));
    let n = 0;
    for (const a of due.get(day) ?? [])
      if (a.collectorId === h.id || onSheet.has(a.customerId)) n += a.promises.dueTodayCount;
    out.set(h.id, n);
  }
  return out;
}

function managerSummary(plan: DayPlan, sheets: CallSheet[], automatedCustomers: number): ManagerSummary {
  const notes: string[] = [];
  if (plan.overCapacity.length) {
    const over = plan.overCapacity.reduce((sum, p) => sum + p.account.overdueCents, 0);
    notes.push(
      `${plural(plan.overCapacity.length, 'top-list account')} (${dollars(over)} overdue) did not fit on a sheet: ` +
        `${plan.overCapacity
          .slice(0, 5)
          .map((p) => p.account.code)
          .join(', ')}${plan.overCapacity.length > 5 ? ', …' : ''}`,
    );
  }
  if (plan.suppressed.length)
    notes.push(
      `${plural(plan.suppressed.length, 'account')} wait on a promise not yet due (no calls, no letters)`,
    );
  const calls = sheets.reduce((n, s) => n + s.rows.length, 0);
  return {
    asOf: plan.asOf,
    coverage: plan.coverage,
    capacity: { calls, capacity: plan.capacity, overCapacityCustomers: plan.overCapacity.length },
    collectors: sheets.map((s) => ({
      code: s.collector.code,
      name: s.collector.name,
      calls: s.rows.length,
      overdueCents: s.summary.overdueCents,
      escalations: s.summary.escalations,
    })),
    escalationsDue: sheets.reduce((n, s) => n + s.summary.escalations, 0),
    automatedCustomers,
    notes,
  };
}
