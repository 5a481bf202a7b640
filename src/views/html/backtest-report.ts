// The backtest as one self-contained HTML file: summary table, coverage per day and lead time per
// week for every policy, charted with the inlined uPlot. No external URL is loaded.
import type { BacktestReport } from '../../app/backtest.ts';
import {
  BACKTEST_COLUMNS,
  backtestCells,
  CALIBRATION_COLUMNS,
  calibrationRows,
  calibrationSummary,
  ceilingNote,
} from '../backtest-cells.ts';
import type { ChartAssets } from './chart-assets.ts';

const COLORS = ['#1f6feb', '#d1242f', '#9a6700', '#6e7781', '#8250df', '#1a7f37'];

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON that cannot close the script element it sits in. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const unixDay = (day: string) => Date.parse(`${day}T00:00:00Z`) / 1000;

const round2 = (x: number | null) => (x === null ? null : Number(x.toFixed(2)));

function chartData(report: BacktestReport) {
  const coverage = [
    report.days.map(unixDay),
    ...report.policies.map((p) => p.daily.map((d) => round2(d.earlyCoveragePct))),
  ];
  const bins = report.calibration?.bins ?? [];
  const reliability = [
    bins.map((b) => Number((b.meanP * 100).toFixed(2))),
    bins.map((b) => Number((b.observed * 100).toFixed(2))),
    bins.map((b) => Number((b.meanP * 100).toFixed(2))),
  ];
  const weeks = [...new Set(report.policies.flatMap((p) => p.leadByWeek.map((w) => w.week)))].sort();
  const lead = [
    weeks.map(unixDay),
    ...report.policies.map((p) => {
      const byWeek = new Map(p.leadByWeek.map((w) => [w.week, Number(w.avgLeadDays.toFixed(2))]));
      return weeks.map((w) => byWeek.get(w) ?? null);
    }),
  ];
  return { labels: report.policies.map((p) => p.label), colors: COLORS, coverage, lead, reliability };
}

export function renderBacktestHtml(report: BacktestReport, assets: ChartAssets): string {
  const rows = report.policies
    .map((p) => {
      const cells = backtestCells(p.summary);
      return `<tr><th scope="row">${escapeHtml(p.label)}</th>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`;
    })
    .join('\n');
  const title = `Callsheet backtest ${report.from} to ${report.to}`;
  const c = report.calibration;
  const calibration = c
    ? `<h2>Do the probabilities mean what they say?</h2>
<p>${escapeHtml(calibrationSummary(c, report.lateDays))}.</p>
<table>
<thead><tr>${CALIBRATION_COLUMNS.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>
${calibrationRows(c)
  .map((r) => `<tr>${r.map((x) => `<td>${escapeHtml(x)}</td>`).join('')}</tr>`)
  .join('\n')}
</tbody>
</table>
<div class="chart" id="reliability"></div>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${assets.css}</style>
<style>
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; color: #1f2328; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { padding: .35rem .7rem; border-bottom: 1px solid #d0d7de; text-align: right; }
th[scope=row], thead th:first-child { text-align: left; }
.chart { margin: 1.5rem 0; }
.note { color: #59636e; font-size: 13px; }
.warning { background: #fff8c5; padding: .5rem .75rem; border-left: 4px solid #9a6700; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>${report.days.length} business days, up to ${report.capacity} calls a day (every policy makes as many calls each day
as Callsheet's sheets held, chosen from every customer with open money). Outcomes observed through
${escapeHtml(report.observedThrough)}; ${report.lateCustomers} customers had money go more than ${report.lateDays} days late.</p>
${report.warning ? `<p class="warning"><b>Warning:</b> ${escapeHtml(report.warning)}.</p>` : ''}
<table>
<thead><tr><th>policy</th>${BACKTEST_COLUMNS.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
<div class="chart" id="coverage"></div>
<div class="chart" id="lead"></div>
${calibration}
<p class="note"><b>late $ covered</b>: of the dollars open that day that went on to be paid more than ${report.lateDays} days late or never,
the share whose customer was on that day's list (weighted by dollar-days). <b>still-early</b>: the same, counting only invoices not yet
${report.lateDays} days past due that day. <b>lead days</b>: for invoices that reached ${report.troubleDays} days past due in the period,
how many days earlier their customer first appeared on a list (never = 0); <b>by $</b>: the same weighted by each invoice's
balance that day; <b>warned</b>: how many appeared at all.
<b>on-time calls</b>: calls on customers who paid everything open that day by its due date anyway; <b>no-risk calls</b>: calls on
customers none of whose open invoices went more than ${report.lateDays} days late. ${escapeHtml(ceilingNote(report))}.
Definitions: docs/backtest.md.</p>
<script>${assets.js.replace(/<\/script/gi, '<\\/script')}</script>
<script type="application/json" id="data">${scriptJson(chartData(report))}</script>
<script>
(function () {
  var d = JSON.parse(document.getElementById('data').textContent);
  function series(unit) {
    return [{}].concat(d.labels.map(function (label, i) {
      return { label: label, stroke: d.colors[i % d.colors.length], width: 2, spanGaps: true,
        value: function (u, v) { return v == null ? '–' : v.toFixed(1) + unit; } };
    }));
  }
  function draw(id, title, unit, data) {
    var el = document.getElementById(id);
    new uPlot({ title: title, width: Math.max(320, el.clientWidth || 1000), height: 320,
      series: series(unit), scales: { x: { time: true } },
      axes: [{}, { label: unit === '%' ? 'percent' : 'days' }] }, data, el);
  }
  draw('coverage', 'Still-early late dollars on the day\\'s list (%)', '%', d.coverage);
  draw('lead', 'Lead time before ${report.troubleDays} days past due, by week (days)', ' d', d.lead);
  var rel = document.getElementById('reliability');
  if (rel && d.reliability[0].length) {
    new uPlot({ title: 'Predicted vs observed late rate, by tenth of predictions', width: Math.max(320, rel.clientWidth || 1000), height: 320,
      scales: { x: { time: false } },
      series: [{ label: 'predicted %' },
        { label: 'went late %', stroke: d.colors[0], width: 2, points: { size: 7 } },
        { label: 'perfect', stroke: '#6e7781', dash: [6, 4], width: 1 }],
      axes: [{ label: 'predicted (%)' }, { label: 'observed (%)' }] }, d.reliability, rel);
  }
})();
</script>
</body>
</html>
`;
}
