// The backtest summary columns, shared by the console table and the HTML report.
import type { PolicySummary } from '../domain/kpis/backtest-summary.ts';
import { fmtNumber, fmtPct } from './kpi-format.ts';

export const BACKTEST_COLUMNS = [
  'calls/day',
  'late $ covered',
  'still-early $ covered',
  'lead days',
  'warned',
  'on-time calls',
  'no-risk calls',
] as const;

export function backtestCells(s: PolicySummary): string[] {
  return [
    fmtNumber(s.callsPerDay),
    fmtPct(s.coveragePct),
    fmtPct(s.earlyCoveragePct),
    fmtNumber(s.avgLeadDays),
    s.troubled ? `${s.warned} of ${s.troubled}` : '–',
    `${s.wastedCalls} (${fmtPct(s.wastedPct, 0)})`,
    `${s.noRiskCalls} (${fmtPct(s.noRiskPct, 0)})`,
  ];
}
