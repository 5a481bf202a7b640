import { describe, expect, it } from 'vitest';
import type { BacktestReport } from '../../../src/app/backtest.ts';
import { escapeHtml, renderBacktestHtml } from '../../../src/views/html/backtest-report.ts';

const report: BacktestReport = {
  from: '2027-03-01',
  to: '2027-03-01',
  observedThrough: '2027-05-28',
  days: ['2027-03-01'],
  capacity: 5,
  seed: 42,
  lateDays: 30,
  base: 'USD',
  troubleDays: 60,
  policies: [
    {
      id: 'x',
      label: '<img src=x onerror=alert(1)></script>',
      summary: {
        days: 1,
        calls: 5,
        callsPerDay: 5,
        coveragePct: 50,
        earlyCoveragePct: 40,
        wastedCalls: 1,
        wastedPct: 20,
        noRiskCalls: 2,
        noRiskPct: 40,
        troubled: 1,
        warned: 1,
        avgLeadDays: 12,
        dollarLeadDays: 12,
        avgLeadWarnedDays: 12,
      },
      daily: [
        {
          day: '2027-03-01',
          calls: 5,
          wastedCalls: 1,
          noRiskCalls: 2,
          coveredCents: 50,
          atRiskCents: 100,
          earlyCoveredCents: 40,
          earlyAtRiskCents: 100,
          coveragePct: 50,
          earlyCoveragePct: 40,
        },
      ],
      leadByWeek: [{ week: '2027-03-01', avgLeadDays: 12, invoices: 1 }],
    },
  ],
  lateCustomers: 3,
  warning:
    'only 3 customers had money go more than 30 days late in this period: <differences> are mostly chance',
  calibration: {
    bins: [{ fromP: 0.1, toP: 0.3, meanP: 0.2, observed: 0.25, count: 4 }],
    brier: 0.1,
    brierOfBaseRate: 0.2,
    predictions: 4,
    lateRate: 0.25,
  },
};

describe('the HTML backtest report', () => {
  it('escapes text in the page and in the embedded data', () => {
    const html = renderBacktestHtml(report, { js: 'var uPlot=function(){};', css: '.u{}' });
    expect(html).not.toContain('<img');
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;&#60;/script&#62;');
    expect(html.match(/<\/script/g)).toHaveLength(3); // only the report's own three script elements
    expect(escapeHtml(`"a" & 'b'`)).toBe('&#34;a&#34; &#38; &#39;b&#39;');
    expect(html).toContain('&#60;differences&#62; are mostly chance');
  });

  it('shows the reliability of the lateness model as a table and a chart', () => {
    const html = renderBacktestHtml(report, { js: 'var uPlot=function(){};', css: '.u{}' });
    expect(html).toContain('Do the probabilities mean what they say?');
    expect(html).toContain('<td>20.0%</td><td>25.0%</td><td>4</td>');
    expect(html).toContain('id="reliability"');
  });
});
