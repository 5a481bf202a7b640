// This morning's call sheets: who each collector calls, in which order, what to do and why; the
// automated tier (mail-merge queue) for everyone else; the agency queue and the manager's team
// view. The store computes per-customer aggregates as of the day in SQL; the pure policy code
// assesses every account's expected late dollars and fills the sheets in that order.
import { TZDate } from '@date-fns/tz';
import { addDays, type IsoDate, todayIn } from '../domain/calendar.ts';
import { type MissingRate, missingRateText } from '../domain/fx.ts';
import { type MoneyDisplay, moneyText, sumAmounts } from '../domain/money-text.ts';
import { type Explanation, explainAccount } from '../domain/policy/explain-account.ts';
import type { InvoiceOdds } from '../domain/policy/lateness/assess-lateness.ts';
import { type DayPlan, type PlannedAccount, planDay, reservedReason } from '../domain/policy/plan-day.ts';
import type { PolicySettings } from '../domain/policy/policy-settings.ts';
import { plural } from '../domain/policy/words.ts';
import { UserError } from '../shared/errors.ts';
import { historiesFromProfiles } from '../store/pay-profiles.ts';
import { readSettings } from '../store/settings.ts';
import {
  type HistorySource,
  readContacts,
  readCurrencyBalances,
  readOverdueInvoices,
  readScoreInputs,
  readSheetHolders,
  readSheetInputs,
  type SheetHolderRow,
} from '../store/sheet-inputs.ts';
import type { SqlConn } from '../store/sql.ts';
import { commandSettings } from './commands/settings.ts';
import { readMoneyDisplay } from './company-settings.ts';
import type { AppDeps } from './deps.ts';
import { policySettings } from './policy-settings.ts';
import { daysSinceBusinessDay, SCHEDULE_SETTINGS } from './schedule-settings.ts';
import type { AgencyRow, CallSheet, InvoicePrediction, ManagerSummary, SheetSet } from './sheet-model.ts';
import { isEscalation, overdueAmounts, toAgencyRow, toAutomatedRow, toSheetRow } from './sheet-rows.ts';

export interface BuildCallSheetsOptions {
  /** The day to build for; default: today in each collector's time zone. */
  asOf?: IsoDate;
  /** Only this collector's sheet (and automated rows); the plan is still the whole team's. */
  collectorCode?: string;
  /**
   * List the automated tier's rows (contacts, invoice numbers for the mail merge). Off by default:
   * the digests, the team view and the manager's summary only count the tier, and on a large ledger
   * its rows cost as much again as the sheets.
   */
  automated?: boolean;
  /** Calls for the whole team instead of the collectors' capacities (shared in proportion): backtests. */
  capacity?: number;
}

/** The instant a calendar day ends in a time zone (ISO 8601), for "logged on or before D". */
export function endOfDayIn(date: IsoDate, timeZone: string): string {
  const [y, m, d] = addDays(date, 1).split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, 0, 0, 0, timeZone).getTime()).toISOString();
}

/** Each holder's share of `calls`, by largest remainder: a team of 5 × 30 asked for 50 gets 10 each. */
export function scaleCapacities<T extends { dailyCapacity: number }>(
  holders: readonly T[],
  calls: number,
): T[] {
  const total = holders.reduce((s, h) => s + Math.max(0, h.dailyCapacity), 0);
  if (total <= 0) return [...holders];
  const exact = holders.map((h) => (Math.max(0, h.dailyCapacity) * calls) / total);
  const out = exact.map(Math.floor);
  let left = calls - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, k) => ({ k, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.k - b.k);
  for (const { k } of order) {
    if (left <= 0) break;
    out[k]!++;
    left--;
  }
  return holders.map((h, k) => ({ ...h, dailyCapacity: out[k]! }));
}

/** Days since the business day before `day` (3 on a Monday): a late debt's call due on a day off falls on `day`. */
export async function daysSinceLastSheet(sql: SqlConn, day: IsoDate): Promise<number> {
  return daysSinceBusinessDay(day, await readSettings(sql, SCHEDULE_SETTINGS));
}

/** One day's plan from the store: read the day's accounts and histories, then plan it. */
export async function planSheetsDay(
  sql: SqlConn,
  asOf: IsoDate,
  holders: readonly Pick<SheetHolderRow, 'id' | 'code' | 'dailyCapacity' | 'timeZone'>[],
  policy: PolicySettings,
  promiseGraceDays: number,
  display: MoneyDisplay,
  histories?: HistorySource,
  odds?: InvoiceOdds,
) {
  const [inputs, sinceLastSheet] = await Promise.all([
    readSheetInputs(
      sql,
      {
        asOf,
        base: display.base,
        cutoff: endOfDayIn(asOf, holders[0]?.timeZone ?? 'UTC'),
        timeZone: holders[0]?.timeZone ?? 'UTC',
        brokenPromiseWindowDays: policy.thresholds.brokenPromiseWindowDays,
        dueSoonDays: Math.max(policy.ladder.courtesyCallDays, policy.ladder.preDueReminderDays),
        lateDays: policy.lateness.lateDays,
        halfLifeDays: policy.lateness.halfLifeDays,
        promiseGraceDays,
      },
      histories,
    ),
    daysSinceLastSheet(sql, asOf),
  ]);
  const plan = planDay(
    { ...inputs, daysSinceLastSheet: sinceLastSheet, odds },
    holders.map((h) => ({ id: h.id, code: h.code, capacity: h.dailyCapacity })),
    asOf,
    policy,
    display,
  );
  return { accounts: inputs.accounts, unpriced: inputs.unpriced, plan };
}

/**
 * The reasons of the rows shown: the ranked rows' payment history, orders and collectability
 * segments are read for them only, then each row is explained (model first, then two factors).
 */
async function explainRows(
  sql: SqlConn,
  plan: DayPlan,
  rows: readonly PlannedAccount[],
  policy: PolicySettings,
  display: MoneyDisplay,
) {
  const extra = await readScoreInputs(
    sql,
    plan.asOf,
    rows.map((p) => p.account.customerId),
    display.base,
  );
  const out = new Map<number, { explanation: Explanation; monthlyAvgDays: (number | null)[] }>();
  for (const p of rows) {
    const account = { ...p.account, ...extra.get(p.account.customerId) };
    const explanation = explainAccount(account, p.lateness, p.peers, { asOf: plan.asOf, policy, display });
    if (p.reserved) explanation.reasons.splice(1, 0, reservedReason(p, policy));
    out.set(p.account.customerId, {
      explanation,
      monthlyAvgDays: account.payments.monthlyAvgDays,
    });
  }
  return out;
}

/**
 * The plans of the day: one per collector's local day (near midnight the team can span two) and
 * the team's, the latest of them; with `teamDayOnly`, the team's alone.
 */
async function planTeam(
  deps: AppDeps,
  options: Pick<BuildCallSheetsOptions, 'asOf' | 'capacity' | 'collectorCode'>,
  teamDayOnly = false,
) {
  const sql = deps.store.sql;
  const policy = await readSettings(sql, policySettings);
  const { promiseGraceDays } = await readSettings(sql, commandSettings);
  const display = await readMoneyDisplay(sql);
  const allHolders = await readSheetHolders(sql);
  const holders = options.capacity === undefined ? allHolders : scaleCapacities(allHolders, options.capacity);
  const only = options.collectorCode?.toLowerCase();
  if (only !== undefined && !holders.some((h) => h.code.toLowerCase() === only)) {
    const known = holders.map((h) => h.code).join(', ') || 'none yet';
    throw new UserError(`no collector "${options.collectorCode}" has a call sheet (collectors: ${known})`);
  }
  // Each collector's "today" is in their own zone.
  const dayOf = new Map(holders.map((h) => [h.id, options.asOf ?? todayIn(h.timeZone, deps.now())]));
  const days = [...new Set(dayOf.values())].sort();
  const teamDay = options.asOf ?? days[days.length - 1] ?? todayIn('UTC', deps.now());
  const plans = new Map<IsoDate, Awaited<ReturnType<typeof planSheetsDay>>>();
  for (const day of teamDayOnly || !days.length ? [teamDay] : days)
    plans.set(
      day,
      await planSheetsDay(sql, day, holders, policy, promiseGraceDays, display, historiesFromProfiles),
    );
  return { policy, display, allHolders, holders, dayOf, teamDay, plans, team: plans.get(teamDay)! };
}

/**
 * The automated tier as the engine plans it, without the mail-merge details (contacts, invoice
 * numbers) the outreach batch reads its own way.
 */
export async function planAutomatedTier(
  deps: AppDeps,
  options: Pick<BuildCallSheetsOptions, 'asOf'> = {},
): Promise<{ asOf: IsoDate; accounts: PlannedAccount[] }> {
  const { team } = await planTeam(deps, options, true);
  return { asOf: team.plan.asOf, accounts: team.plan.automated };
}

export async function buildCallSheets(
  deps: AppDeps,
  options: BuildCallSheetsOptions = {},
): Promise<SheetSet> {
  const sql = deps.store.sql;
  const { policy, display, allHolders, holders, dayOf, teamDay, plans, team } = await planTeam(deps, options);
  const only = options.collectorCode?.toLowerCase();

  const sheetHolders = holders.filter((h) => only === undefined || h.code.toLowerCase() === only);
  const onSheets = new Set<number>();
  for (const h of sheetHolders)
    for (const p of plans.get(dayOf.get(h.id)!)!.plan.sheets.get(h.id) ?? [])
      onSheets.add(p.account.customerId);
  // A digest (one collector) assesses only that collector's part of the automated tier.
  const automatedPlanned =
    options.automated !== true
      ? []
      : only === undefined
        ? team.plan.automated
        : sheetHolders.flatMap((h) => team.plan.automatedOf(h.id));
  const needed = new Set<number>(onSheets);
  for (const p of automatedPlanned) needed.add(p.account.customerId);
  // Explained once per day for every sheet shown that day (one set of reads, not one per sheet).
  const explainShown = async () => {
    const out = new Map<IsoDate, Awaited<ReturnType<typeof explainRows>>>();
    for (const [day, { plan }] of plans) {
      const shown = sheetHolders
        .filter((h) => dayOf.get(h.id) === day)
        .flatMap((h) => plan.sheets.get(h.id) ?? []);
      if (shown.length) out.set(day, await explainRows(sql, plan, shown, policy, display));
    }
    return out;
  };
  // Side by side on a pool (one after the other in a transaction): with the automated tier the
  // first two are tens of thousands of accounts each. Balances by currency are the sheet rows' only.
  const [contacts, invoices, balances, explained] = await Promise.all([
    readContacts(sql, [...needed]),
    readOverdueInvoices(sql, teamDay, [...needed], display.base),
    readCurrencyBalances(sql, teamDay, [...onSheets], display.base),
    explainShown(),
  ]);
  const refused = refusedLines(plans, display.base);
  const dueToday = promisesDueTodayByHolder(plans, sheetHolders, dayOf);
  const codes = new Map(allHolders.map((h) => [h.id, h.code]));
  const sheets: CallSheet[] = [];
  for (const h of sheetHolders) {
    const { plan } = plans.get(dayOf.get(h.id)!)!;
    const planned = plan.sheets.get(h.id) ?? [];
    const explanations = explained.get(plan.asOf)!;
    const rows = planned.map((p, k) =>
      toSheetRow(p, k + 1, plan.asOf, {
        contacts,
        invoices,
        ...explanations.get(p.account.customerId)!,
        holderId: h.id,
        collectorCodes: codes,
        balances,
        base: display.base,
      }),
    );
    sheets.push({
      asOf: plan.asOf,
      collector: {
        id: h.id,
        code: h.code,
        name: h.name,
        timeZone: h.timeZone,
        dailyCapacity: h.dailyCapacity,
      },
      rows,
      display,
      refused,
      summary: {
        calls: rows.length,
        overdueCents: rows.reduce((sum, r) => sum + r.overdueCents, 0),
        overdueByCurrency: sumAmounts(rows.map((r) => overdueAmounts(r.balances))),
        escalations: rows.filter((r) => isEscalation(r.action)).length,
        promisesDueToday: dueToday.get(h.id) ?? 0,
      },
    });
  }
  const automated = automatedPlanned.map((p) =>
    toAutomatedRow(p, team.plan.asOf, { contacts, invoices }, codes),
  );
  const listed = new Set([...team.plan.sheets.values()].flat().map((p) => p.account.customerId));
  const agency = team.plan.agency.map((e) => toAgencyRow(e, listed.has(e.planned.account.customerId), codes));
  return {
    asOf: teamDay,
    sheets,
    automated,
    agency,
    refused,
    summary: managerSummary(team.plan, sheets, team.plan.automatedCount, agency, display, refused),
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

/**
 * The accounts no sheet ranks because some of their open money has no rate on the day, one line
 * per currency and day naming them: the rest of the team's sheets go out regardless.
 */
function refusedLines(
  plans: ReadonlyMap<IsoDate, Awaited<ReturnType<typeof planSheetsDay>>>,
  base: string,
): string[] {
  const byMissing = new Map<string, { missing: MissingRate; codes: string[] }>();
  for (const [day, { unpriced }] of plans)
    for (const a of unpriced)
      for (const currency of a.currencies) {
        const key = `${currency} ${day}`;
        const entry = byMissing.get(key) ?? { missing: { currency, day }, codes: [] };
        entry.codes.push(a.code);
        byMissing.set(key, entry);
      }
  return [...byMissing.values()].map(
    ({ missing, codes }) =>
      `${plural(codes.length, 'account')} left off (${codes.slice(0, 5).join(', ')}${codes.length > 5 ? ', …' : ''}): ${missingRateText(missing, base)}`,
  );
}

/** Every open invoice's p on the plan's day, for those not yet L days past due. */
export function predictionsOf(plan: DayPlan): InvoicePrediction[] {
  const out: InvoicePrediction[] = [];
  for (const p of plan.accounts)
    for (const inv of p.lateness.invoices)
      if (inv.dpd <= plan.lateDays) out.push({ invoiceId: inv.id, p: inv.p });
  return out;
}

/** How many of the largest agency-queue accounts the summary names. */
const AGENCY_SHOWN = 5;

function managerSummary(
  plan: DayPlan,
  sheets: CallSheet[],
  automatedCustomers: number,
  agency: AgencyRow[],
  display: MoneyDisplay,
  refused: readonly string[],
): ManagerSummary {
  const notes: string[] = [...refused];
  if (plan.overCapacity.length) {
    const over = plan.overCapacity.reduce((sum, p) => sum + p.lateness.expectedLateCents, 0);
    notes.push(
      `${plural(plan.overCapacity.length, 'account')} (${moneyText(over, display.base, display.locale, 'whole')} expected late) ranked within capacity but did not fit their collector's sheet: ` +
        `${plan.overCapacity
          .slice(0, 5)
          .map((p) => p.account.code)
          .join(', ')}${plan.overCapacity.length > 5 ? ', …' : ''}`,
    );
  }
  if (plan.heldCount)
    notes.push(
      `${plural(plan.heldCount, 'account')} off the sheets get no letter today (a promise not yet due, or paying within its usual pattern)`,
    );
  const calls = sheets.reduce((n, s) => n + s.rows.length, 0);
  return {
    asOf: plan.asOf,
    lateDays: plan.lateDays,
    coverage: plan.coverage,
    agency: {
      customers: agency.length,
      cents: agency.reduce((s, a) => s + a.agencyCents, 0),
      largest: agency.slice(0, AGENCY_SHOWN),
    },
    capacity: { calls, capacity: plan.capacity, overCapacityCustomers: plan.overCapacity.length },
    collectors: sheets.map((s) => ({
      code: s.collector.code,
      name: s.collector.name,
      calls: s.rows.length,
      overdueCents: s.summary.overdueCents,
      overdueByCurrency: s.summary.overdueByCurrency,
      escalations: s.summary.escalations,
    })),
    escalationsDue: sheets.reduce((n, s) => n + s.summary.escalations, 0),
    automatedCustomers,
    notes,
    display,
  };
}
