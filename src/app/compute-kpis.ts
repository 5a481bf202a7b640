// The collections KPIs per month for the team and each collector, from the store's history.
// Figures are as of each month's last day (or today, for the month in progress).

import { z } from 'zod';
import { addDays, addMonths, daysBetween, type IsoDate, todayIn } from '../domain/calendar.ts';
import { missingRatesText } from '../domain/fx.ts';
import { type AgingBuckets, emptyBuckets } from '../domain/kpis/aging.ts';
import type { PeriodSales } from '../domain/kpis/dso.ts';
import { type MonthKpis, monthKpis } from '../domain/kpis/month-kpis.ts';
import type { MoneyDisplay } from '../domain/money-text.ts';
import type { Result } from '../domain/result.ts';
import { readRateGaps } from '../store/fx-rates.ts';
import {
  contactsByMonth,
  creditSalesByMonth,
  type KpiCollector,
  kpiCollectors,
  outreachByMonth,
  promiseOutcomesByMonth,
  receivablesAsOf,
} from '../store/kpi-inputs.ts';
import { defineSettings, readSettings } from '../store/settings.ts';
import { readMoneyDisplay } from './company-settings.ts';
import type { AppDeps } from './deps.ts';

/** Where published definitions differ, the choice is a setting (see docs/kpis.md). */
export const KPI_SETTINGS = defineSettings(
  'kpis',
  z.object({
    /** Age receivables from the due date (CRF basis) or from the invoice date. */
    agingBasis: z.enum(['due', 'invoice']).default('due'),
    /** Months in the CEI period ending at the as-of day (1 = monthly CEI, 3 = quarterly). */
    ceiMonths: z.number().int().min(1).max(12).default(1),
    /** Divide the CEI period's credit sales by its months (textbook form) or use them whole. */
    ceiDivideSalesByMonths: z.boolean().default(true),
    /** How many months of sales the countback DSO may walk back through. */
    countbackMonths: z.number().int().min(1).max(36).default(12),
  }),
);
export type KpiSettings = z.output<typeof KPI_SETTINGS.schema>;

export type KpiScope =
  | { kind: 'team' }
  | { kind: 'collector'; code: string; name: string }
  | { kind: 'unassigned' };

export interface KpiMonth {
  /** 'YYYY-MM' */
  month: string;
  asOf: IsoDate;
  team: MonthKpis;
  /** One per collector (and the unassigned accounts when they hold receivables). */
  collectors: { scope: KpiScope; kpis: MonthKpis }[];
}

export interface KpiReport {
  months: KpiMonth[];
  settings: KpiSettings;
  /** Every amount is in display.base. */
  display: MoneyDisplay;
}

export interface ComputeKpisInput {
  /** 'YYYY-MM'; default: the month of `today`. */
  month?: string | undefined;
  /** How many months ending with `month` (default 1). */
  months?: number | undefined;
  collectorCode?: string | undefined;
  /** Default: today in UTC from the clock. */
  today?: IsoDate | undefined;
}

export type KpiError = {
  code: 'bad_month' | 'month_in_future' | 'unknown_collector' | 'missing_rate';
  message: string;
};
export type KpiResult = Result<KpiReport, KpiError>;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export async function computeKpis(deps: AppDeps, input: ComputeKpisInput = {}): Promise<KpiResult> {
  const today = input.today ?? todayIn('UTC', deps.now());
  const month = input.month ?? today.slice(0, 7);
  if (!MONTH.test(month))
    return { ok: false, error: { code: 'bad_month', message: `a month looks like 2027-05 (got ${month})` } };
  const last = `${month}-01`;
  if (last > today)
    return {
      ok: false,
      error: { code: 'month_in_future', message: `${month} has not started yet (today is ${today})` },
    };
  const conn = deps.store.sql;
  const settings = await readSettings(conn, KPI_SETTINGS);
  const display = await readMoneyDisplay(conn);
  const gaps = await readRateGaps(conn, display.base);
  if (gaps.length)
    return { ok: false, error: { code: 'missing_rate', message: missingRatesText(gaps, display.base) } };
  let collectors = await kpiCollectors(conn);
  if (input.collectorCode) {
    const code = input.collectorCode.toLowerCase();
    collectors = collectors.filter((c) => c.code.toLowerCase() === code);
    if (!collectors.length)
      return {
        ok: false,
        error: {
          code: 'unknown_collector',
          message: `no collector with the code ${input.collectorCode}; \`callsheet kpis\` without --collector lists them`,
        },
      };
  }

  const count = Math.max(1, input.months ?? 1);
  const starts = Array.from({ length: count }, (_, k) => addMonths(last, k - count + 1));
  const asOfOf = (start: IsoDate) => minDate(addDays(addMonths(start, 1), -1), today);
  const ceiStartOf = (start: IsoDate) => addMonths(start, -(settings.ceiMonths - 1));
  const arDates = [...new Set(starts.flatMap((s) => [asOfOf(s), addDays(ceiStartOf(s), -1)]))];
  const first = starts[0]!;
  const salesFrom = addMonths(first, -Math.max(settings.countbackMonths, settings.ceiMonths));
  const lastAsOf = asOfOf(last);

  const [aging, sales, promises, contacts, outreach] = await Promise.all([
    receivablesAsOf(conn, arDates, settings.agingBasis, display.base),
    creditSalesByMonth(conn, salesFrom, lastAsOf, display.base),
    promiseOutcomesByMonth(conn, first, lastAsOf),
    contactsByMonth(conn, first, lastAsOf),
    outreachByMonth(conn, first, lastAsOf),
  ]);
  const agingAt = groupBy(aging, (r) => r.asOf);
  const salesAt = groupBy(sales, (r) => r.month);
  const promisesIn = groupBy(promises, (r) => r.month);
  const contactsIn = groupBy(contacts, (r) => r.month);
  const outreachIn = groupBy(outreach, (r) => r.month);

  const options = { divideSalesByMonths: settings.ceiDivideSalesByMonths };
  const months = starts.map((start): KpiMonth => {
    const asOf = asOfOf(start);
    const kpisFor = (keep: (collectorId: number | null) => boolean): MonthKpis => {
      const sum = <R extends { collectorId: number | null }>(
        rows: R[] | undefined,
        value: (r: R) => number,
      ) => (rows ?? []).reduce((s, r) => (keep(r.collectorId) ? s + value(r) : s), 0);
      const buckets = (date: IsoDate): AgingBuckets => {
        const b = emptyBuckets();
        for (const r of agingAt.get(date) ?? []) {
          if (!keep(r.collectorId)) continue;
          for (const k of Object.keys(b) as (keyof AgingBuckets)[]) b[k] += r[k];
        }
        return b;
      };
      const salesIn = (m: IsoDate) => sum(salesAt.get(m), (r) => r.salesCents);
      const periods: PeriodSales[] = Array.from({ length: settings.countbackMonths }, (_, k) => {
        const m = addMonths(start, -k);
        const end = k === 0 ? asOf : addDays(addMonths(m, 1), -1);
        return { salesCents: salesIn(m), days: daysBetween(m, end) + 1 };
      });
      const ceiStart = ceiStartOf(start);
      const ceiSales = Array.from({ length: settings.ceiMonths }, (_, k) => salesIn(addMonths(ceiStart, k)));
      const beginning = buckets(addDays(ceiStart, -1));
      return monthKpis(
        {
          monthStart: start,
          asOf,
          aging: buckets(asOf),
          sales: periods,
          cei: {
            beginningArCents: Object.values(beginning).reduce((s, v) => s + v, 0),
            salesCents: ceiSales.reduce((s, v) => s + v, 0),
            months: settings.ceiMonths,
          },
          promises: {
            kept: sum(promisesIn.get(start), (r) => r.kept),
            broken: sum(promisesIn.get(start), (r) => r.broken),
          },
          contacts: sum(contactsIn.get(start), (r) => r.contacts),
          outreach: {
            sent: sum(outreachIn.get(start), (r) => r.sent),
            failed: sum(outreachIn.get(start), (r) => r.failed),
            remindedCents: sum(outreachIn.get(start), (r) => r.remindedCents),
            paidWithin14Cents: sum(outreachIn.get(start), (r) => r.paidWithin14Cents),
          },
        },
        options,
      );
    };
    const ids = new Set(collectors.map((c) => c.id));
    const team = kpisFor(input.collectorCode ? (id) => id !== null && ids.has(id) : () => true);
    const perCollector = collectors.map((c: KpiCollector) => ({
      scope: { kind: 'collector', code: c.code, name: c.name } as KpiScope,
      kpis: kpisFor((id) => id === c.id),
    }));
    if (!input.collectorCode) {
      const unassigned = kpisFor((id) => id === null);
      if (unassigned.arCents > 0) perCollector.push({ scope: { kind: 'unassigned' }, kpis: unassigned });
    }
    return { month: start.slice(0, 7), asOf, team, collectors: perCollector };
  });
  return { ok: true, value: { months, settings, display } };
}

function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b;
}

function groupBy<R>(rows: readonly R[], key: (r: R) => string): Map<string, R[]> {
  const map = new Map<string, R[]>();
  for (const r of rows) {
    const k = key(r);
    const list = map.get(k);
    if (list) list.push(r);
    else map.set(k, [r]);
  }
  return map;
}
