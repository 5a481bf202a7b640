// Turns the backtest's per-day and per-invoice outcomes into each policy's figures and the series
// the report charts. Pure.
import { addDays, type IsoDate, weekday } from '../calendar.ts';
import type { Cents } from '../money.ts';

export interface PolicyDay {
  day: IsoDate;
  calls: number;
  wastedCalls: number;
  noRiskCalls: number;
  coveredCents: Cents;
  atRiskCents: Cents;
  earlyCoveredCents: Cents;
  earlyAtRiskCents: Cents;
}

export interface PolicyLead {
  day60: IsoDate;
  /** null = the customer was never on a list before the invoice reached 60 days past due. */
  leadDays: number | null;
  /** Its balance that day: the money the warning was for. */
  cents: Cents;
}

export interface PolicySummary {
  days: number;
  calls: number;
  callsPerDay: number;
  /** Share of the dollars later paid > 30 days late or never that were on that day's list (dollar-days). */
  coveragePct: number | null;
  /** The same for dollars not yet 30 days past due on the day: the still-preventable part. */
  earlyCoveragePct: number | null;
  /** Calls on customers who paid every invoice open that day by its due date anyway. */
  wastedCalls: number;
  wastedPct: number | null;
  /** Calls on customers none of whose invoices open that day went > 30 days late or unpaid. */
  noRiskCalls: number;
  noRiskPct: number | null;
  /** Invoices that reached 60 days past due in the period, and how many were warned of. */
  troubled: number;
  warned: number;
  /** Mean lead over every troubled invoice, a missed one counting 0 days. */
  avgLeadDays: number | null;
  /** The same weighted by each invoice's balance on the day it reached 60 days past due. */
  dollarLeadDays: number | null;
  /** Mean lead over the warned ones only. */
  avgLeadWarnedDays: number | null;
}

const pct = (part: number, whole: number) => (whole > 0 ? (part / whole) * 100 : null);
const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);

/** Σ value × weight ÷ Σ weight over [value, weight] pairs; null without weight. */
function weightedMean(xs: readonly (readonly [number, number])[]): number | null {
  let w = 0;
  let sum = 0;
  for (const [x, weight] of xs) {
    w += weight;
    sum += x * weight;
  }
  return w > 0 ? sum / w : null;
}

export function summarizePolicy(days: readonly PolicyDay[], leads: readonly PolicyLead[]): PolicySummary {
  const sum = (f: (d: PolicyDay) => number) => days.reduce((s, d) => s + f(d), 0);
  const calls = sum((d) => d.calls);
  const warnedLeads = leads.filter((l) => l.leadDays !== null).map((l) => l.leadDays!);
  return {
    days: days.length,
    calls,
    callsPerDay: days.length ? calls / days.length : 0,
    coveragePct: pct(
      sum((d) => d.coveredCents),
      sum((d) => d.atRiskCents),
    ),
    earlyCoveragePct: pct(
      sum((d) => d.earlyCoveredCents),
      sum((d) => d.earlyAtRiskCents),
    ),
    wastedCalls: sum((d) => d.wastedCalls),
    wastedPct: pct(
      sum((d) => d.wastedCalls),
      calls,
    ),
    noRiskCalls: sum((d) => d.noRiskCalls),
    noRiskPct: pct(
      sum((d) => d.noRiskCalls),
      calls,
    ),
    troubled: leads.length,
    warned: warnedLeads.length,
    avgLeadDays: mean(leads.map((l) => l.leadDays ?? 0)),
    dollarLeadDays: weightedMean(leads.map((l) => [l.leadDays ?? 0, l.cents])),
    avgLeadWarnedDays: mean(warnedLeads),
  };
}

/** The Monday of a day's week, to bucket lead times by week. */
export function weekOf(day: IsoDate): IsoDate {
  return addDays(day, -((weekday(day) + 6) % 7));
}

/** Mean lead (missed = 0) per week in which invoices reached 60 days past due. */
export function leadByWeek(
  leads: readonly Pick<PolicyLead, 'day60' | 'leadDays'>[],
): { week: IsoDate; avgLeadDays: number; invoices: number }[] {
  const weeks = new Map<IsoDate, number[]>();
  for (const l of leads) {
    const w = weekOf(l.day60);
    const list = weeks.get(w) ?? [];
    list.push(l.leadDays ?? 0);
    weeks.set(w, list);
  }
  return [...weeks.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([week, xs]) => ({ week, avgLeadDays: mean(xs)!, invoices: xs.length }));
}
