// Two lines of the month's team KPIs for the manager summary (ManagerSummary.notes) and chat.

import { fmtDays, fmtNumber, fmtPct } from '../domain/figures.ts';
import type { AgingBasis } from '../domain/kpis/aging.ts';
import type { MonthKpis } from '../domain/kpis/month-kpis.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 'May 2027', or 'May 2027 (to 28 May)' for a month in progress. */
export function monthLabel(kpis: Pick<MonthKpis, 'monthStart' | 'asOf'>): string {
  const name = MONTHS[Number(kpis.monthStart.slice(5, 7)) - 1];
  const whole = `${name} ${kpis.monthStart.slice(0, 4)}`;
  return isMonthEnd(kpis.asOf) ? whole : `${whole} (to ${Number(kpis.asOf.slice(8))} ${name})`;
}

export function kpiHeadline(kpis: MonthKpis, basis: AgingBasis = 'due'): string[] {
  const kept =
    kpis.promiseKeptPct === null
      ? 'no promises due'
      : `promises kept ${fmtPct(kpis.promiseKeptPct, 0)} (${kpis.promisesKept} of ${kpis.promisesKept + kpis.promisesBroken})`;
  const over90 = basis === 'due' ? 'more than 90 days past due' : 'more than 90 days old';
  return [
    `KPIs ${monthLabel(kpis)}: DSO ${fmtDays(kpis.dsoDays)} days (best possible ${fmtDays(kpis.bestPossibleDsoDays)}, ` +
      `ADD ${fmtDays(kpis.addDays)}) · CEI ${fmtPct(kpis.ceiPct)} · ${kept} · ${fmtNumber(kpis.contactsPerDay)} contacts/day`,
    `Aging: ${fmtPct(kpis.aging.currentPct)} current (CRF national ${kpis.aging.benchmark.currentPct}%) · ` +
      `${fmtPct(kpis.aging.over90Pct)} ${over90} (CRF ${kpis.aging.benchmark.over90Pct}%)`,
  ];
}

function isMonthEnd(date: string): boolean {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.getUTCDate() === 1;
}
