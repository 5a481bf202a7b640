// `callsheet backtest` on the console: one row per policy.
import type { BacktestReport } from '../../app/backtest.ts';
import { fmtNumber, fmtPct, textTable } from '../kpi-format.ts';

const COLUMNS = [
  'policy',
  'calls/day',
  'late $ covered',
  'still-early $ covered',
  'lead days',
  'warned',
  'on-time calls',
  'no-risk calls',
];

export function backtestTableText(report: BacktestReport): string {
  const rows = report.policies.map((p) => {
    const s = p.summary;
    return [
      p.label,
      fmtNumber(s.callsPerDay),
      fmtPct(s.coveragePct),
      fmtPct(s.earlyCoveragePct),
      fmtNumber(s.avgLeadDays),
      s.troubled ? `${s.warned} of ${s.troubled}` : '–',
      `${s.wastedCalls} (${fmtPct(s.wastedPct, 0)})`,
      `${s.noRiskCalls} (${fmtPct(s.noRiskPct, 0)})`,
    ];
  });
  return (
    `Backtest ${report.from} to ${report.to}: ${report.days.length} business days, up to ${report.capacity} calls a day; ` +
    `outcomes observed through ${report.observedThrough}\n` +
    textTable(COLUMNS, rows) +
    `late $ covered: of the dollars later paid > ${report.lateDays} days late or never, the share on that day's list.\n` +
    `lead days: days before an invoice reached ${report.troubleDays} days past due that its customer was first listed (never = 0).\n` +
    'on-time calls: calls on customers who paid everything open that day by its due date. Definitions: docs/backtest.md\n'
  );
}
