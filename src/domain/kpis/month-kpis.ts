// Every KPI of one month for one scope (the team or a collector), from its as-of inputs.
import type { IsoDate } from '../calendar.ts';
import type { Cents } from '../money.ts';
import { businessDaysBetween, contactsPerDay, promiseKeptRate } from './activity.ts';
import { type AgingBuckets, type AgingProfile, agingProfile } from './aging.ts';
import { collectionEffectivenessIndex } from './cei.ts';
import { averageDaysDelinquent, bestPossibleDso, countbackDso, type PeriodSales } from './dso.ts';

export interface MonthKpiInputs {
  /** First day of the month and the day the figures are as of (its last day, or today). */
  monthStart: IsoDate;
  asOf: IsoDate;
  /** Receivables open at `asOf`, by age. */
  aging: AgingBuckets;
  /** Credit sales per month, newest first; the first is this month up to `asOf`. */
  sales: readonly PeriodSales[];
  /** The CEI period: AR at its start, and its credit sales (it ends at `asOf`). */
  cei: { beginningArCents: Cents; salesCents: Cents; months: number };
  promises: { kept: number; broken: number };
  /** Logged call outcomes in the month (see docs/kpis.md for which outcomes count). */
  contacts: number;
  /**
   * Reminder e-mails of the month: sent, refused for good, and of the dollars the sent reminders
   * named, those paid within 14 days of the reminder.
   */
  outreach?: { sent: number; failed: number; remindedCents: Cents; paidWithin14Cents: Cents };
}

export interface KpiOptions {
  divideSalesByMonths: boolean;
}

export interface MonthKpis {
  monthStart: IsoDate;
  asOf: IsoDate;
  arCents: Cents;
  currentArCents: Cents;
  salesCents: Cents;
  dsoDays: number | null;
  bestPossibleDsoDays: number | null;
  addDays: number | null;
  ceiPct: number | null;
  promisesKept: number;
  promisesBroken: number;
  promiseKeptPct: number | null;
  contacts: number;
  businessDays: number;
  contactsPerDay: number | null;
  emailsSent: number;
  deliveryFailures: number;
  /** Share (%) of the reminded dollars paid within 14 days of the reminder; null: none reminded. */
  remindedPaidWithin14Pct: number | null;
  aging: AgingProfile;
}

export function monthKpis(input: MonthKpiInputs, options: KpiOptions): MonthKpis {
  const aging = agingProfile(input.aging);
  const currentArCents = input.aging.current;
  const dso = countbackDso(aging.totalCents, input.sales);
  const best = bestPossibleDso(currentArCents, input.sales);
  const businessDays = businessDaysBetween(input.monthStart, input.asOf);
  return {
    monthStart: input.monthStart,
    asOf: input.asOf,
    arCents: aging.totalCents,
    currentArCents,
    salesCents: input.sales[0]?.salesCents ?? 0,
    dsoDays: dso,
    bestPossibleDsoDays: best,
    addDays: averageDaysDelinquent(dso, best),
    ceiPct: collectionEffectivenessIndex({
      beginningArCents: input.cei.beginningArCents,
      salesCents: input.cei.salesCents,
      endingArCents: aging.totalCents,
      endingCurrentArCents: currentArCents,
      months: input.cei.months,
      divideSalesByMonths: options.divideSalesByMonths,
    }),
    promisesKept: input.promises.kept,
    promisesBroken: input.promises.broken,
    promiseKeptPct: promiseKeptRate(input.promises.kept, input.promises.broken),
    contacts: input.contacts,
    businessDays,
    contactsPerDay: contactsPerDay(input.contacts, businessDays),
    emailsSent: input.outreach?.sent ?? 0,
    deliveryFailures: input.outreach?.failed ?? 0,
    remindedPaidWithin14Pct: input.outreach?.remindedCents
      ? (100 * Math.min(input.outreach.paidWithin14Cents, input.outreach.remindedCents)) /
        input.outreach.remindedCents
      : null,
    aging,
  };
}
