// `callsheet kpis` on the console: one table per month, the team first, then each collector.
import type { KpiReport, KpiScope } from '../../app/compute-kpis.ts';
import { monthLabel } from '../../app/kpi-headline.ts';
import { fmtDays, fmtNumber, fmtPct } from '../../domain/figures.ts';
import { CRF_NATIONAL } from '../../domain/kpis/aging.ts';
import type { MonthKpis } from '../../domain/kpis/month-kpis.ts';
import { type MoneyDisplay, moneyText } from '../../domain/money-text.ts';
import { textTable } from '../kpi-format.ts';

const COLUMNS = [
  'scope',
  'AR',
  'DSO',
  'best DSO',
  'ADD',
  'CEI',
  'kept',
  'contacts/day',
  'e-mails (failed)',
  'reminded paid ≤14d',
  `current (CRF ${CRF_NATIONAL.currentPct}%)`,
  `>90 (CRF ${CRF_NATIONAL.over90Pct}%)`,
];

function scopeName(scope: KpiScope): string {
  if (scope.kind === 'team') return 'team';
  if (scope.kind === 'unassigned') return '(unassigned)';
  return `${scope.code} (${scope.name})`;
}

function row(scope: KpiScope, k: MonthKpis, display: MoneyDisplay): string[] {
  return [
    scopeName(scope),
    moneyText(k.arCents, display.base, display.locale, 'short'),
    fmtDays(k.dsoDays),
    fmtDays(k.bestPossibleDsoDays),
    fmtDays(k.addDays),
    fmtPct(k.ceiPct),
    k.promiseKeptPct === null
      ? '–'
      : `${fmtPct(k.promiseKeptPct, 0)} of ${k.promisesKept + k.promisesBroken}`,
    fmtNumber(k.contactsPerDay),
    k.emailsSent || k.deliveryFailures ? `${k.emailsSent} (${k.deliveryFailures})` : '–',
    fmtPct(k.remindedPaidWithin14Pct, 0),
    fmtPct(k.aging.currentPct),
    fmtPct(k.aging.over90Pct),
  ];
}

export function kpiTableText(report: KpiReport, options: { showTeam: boolean }): string {
  const basis = report.settings.agingBasis === 'due' ? 'days past due' : 'days since invoice date';
  const parts = report.months.map((m) => {
    const rows = [
      ...(options.showTeam ? [row({ kind: 'team' }, m.team, report.display)] : []),
      ...m.collectors.map((c) => row(c.scope, c.kpis, report.display)),
    ];
    return `${monthLabel(m.team)} — as of ${m.asOf}\n${textTable(COLUMNS, rows)}`;
  });
  return `${parts.join('\n')}\nAmounts in ${report.display.base}; days are countback days; aging by ${basis}. Definitions: docs/kpis.md\n`;
}
