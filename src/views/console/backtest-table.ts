// `callsheet backtest` on the console: one row per policy.
import type { BacktestReport } from '../../app/backtest.ts';
import * as cells from '../backtest-cells.ts';
import { textTable } from '../kpi-format.ts';

const COLUMNS = ['policy', ...cells.BACKTEST_COLUMNS];

export function backtestTableText(report: BacktestReport): string {
  const rows = report.policies.map((p) => [p.label, ...cells.backtestCells(p.summary)]);
  const c = report.calibration;
  return (
    `Backtest ${report.from} to ${report.to}: ${report.days.length} business days, up to ${report.capacity} calls a day; ` +
    `outcomes observed through ${report.observedThrough}; ${report.lateCustomers} customers had money go late\n` +
    (report.warning ? `Warning: ${report.warning}.\n` : '') +
    textTable(COLUMNS, rows) +
    `still-early late $ covered: of the dollars later paid > ${report.lateDays} days late or never, the share on that day's list while not yet ${report.lateDays} days past due (what a call can still save); all late $: at any age; money counted in ${report.base}.\n` +
    `lead days: days before an invoice reached ${report.troubleDays} days past due that its customer was first listed (never = 0); by $: weighted by its balance that day.\n` +
    'on-time calls: calls on customers who paid everything open that day by its due date. Definitions: docs/backtest.md\n' +
    `${cells.ceilingNote(report)}.\n` +
    (c
      ? `\n${cells.calibrationSummary(c, report.lateDays)}\n${textTable([...cells.CALIBRATION_COLUMNS], cells.calibrationRows(c))}`
      : '')
  );
}
