// The backtest summary columns, shared by the console table and the HTML report.

import type { BacktestReport } from '../app/backtest.ts';
import { fmtNumber, fmtPct } from '../domain/figures.ts';
import type { PolicySummary } from '../domain/kpis/backtest-summary.ts';
import type { Calibration } from '../domain/kpis/calibration.ts';

export const BACKTEST_COLUMNS = [
  'calls/day',
  'still-early late $ covered',
  'all late $ covered',
  'lead days',
  'lead days, by $',
  'warned',
  'on-time calls',
  'no-risk calls',
] as const;

export function backtestCells(s: PolicySummary): string[] {
  return [
    fmtNumber(s.callsPerDay),
    fmtPct(s.earlyCoveragePct),
    fmtPct(s.coveragePct),
    fmtNumber(s.avgLeadDays),
    fmtNumber(s.dollarLeadDays),
    s.troubled ? `${s.warned} of ${s.troubled}` : '–',
    `${s.wastedCalls} (${fmtPct(s.wastedPct, 0)})`,
    `${s.noRiskCalls} (${fmtPct(s.noRiskPct, 0)})`,
  ];
}

/**
 * What the hindsight row means, and how much of the room above the largest-balance habit the
 * reference policy (the first row) takes: (policy − habit) ÷ (hindsight − habit).
 */
export function ceilingNote(report: Pick<BacktestReport, 'policies'>): string {
  const early = (id: string) => report.policies.find((p) => p.id === id)?.summary.earlyCoveragePct ?? null;
  const [first] = report.policies;
  const ceiling = early('hindsight');
  const habit = early('largest-overdue');
  const mine = first ? early(first.id) : null;
  const base =
    'hindsight: each day, the customers whose money did go late, most still-early late money first — the most a list of that size could cover (it knows the outcome; no one can run it)';
  if (
    !first ||
    first.id === 'largest-overdue' ||
    ceiling === null ||
    habit === null ||
    mine === null ||
    ceiling <= habit
  )
    return base;
  return `${base}; ${first.label} takes ${fmtPct(((mine - habit) / (ceiling - habit)) * 100, 0)} of the room between largest overdue first and it`;
}

/** The reliability table's rows: predicted p against the share that went late, per tenth of predictions. */
export function calibrationRows(c: Calibration): string[][] {
  return c.bins.map((b) => [
    `${fmtPct(b.fromP * 100)}–${fmtPct(b.toP * 100)}`,
    fmtPct(b.meanP * 100),
    fmtPct(b.observed * 100),
    String(b.count),
  ]);
}

export const CALIBRATION_COLUMNS = ['p range', 'predicted', 'went late', 'invoice-days'] as const;

export function calibrationSummary(c: Calibration, lateDays: number): string {
  return (
    `Calibration of the lateness model: ${c.predictions} predictions (open invoices not yet ${lateDays} days past due, each day), ` +
    `${fmtPct(c.lateRate * 100)} went late; Brier score ${c.brier.toFixed(3)} (always predicting that rate: ${c.brierOfBaseRate.toFixed(3)}; lower is better)`
  );
}
