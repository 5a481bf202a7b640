import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsolePublisher } from '../../src/adapters/console/console-publisher.ts';
import { buildCallSheets } from '../../src/app/build-call-sheets.ts';
import { computeKpis, KPI_SETTINGS, type KpiReport } from '../../src/app/compute-kpis.ts';
import { kpiHeadline } from '../../src/app/kpi-headline.ts';
import { kpiNotes } from '../../src/app/kpi-notes.ts';
import { SCHEDULE_SETTINGS } from '../../src/app/schedule-settings.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { managerSummaryJob } from '../../src/jobs/sheet-digest.ts';
import { receivablesAsOf } from '../../src/store/kpi-inputs.ts';
import { writeSettings } from '../../src/store/settings.ts';
import { openTestStore, type TestStore } from '../support/test-store.ts';

const TODAY = '2027-05-28';
let store: TestStore;
const deps = () => ({ store, now: () => new Date(`${TODAY}T12:00:00Z`) });
const ok = async (input: Parameters<typeof computeKpis>[1]): Promise<KpiReport> => {
  const result = await computeKpis(deps(), input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};

beforeAll(async () => {
  store = await openTestStore();
  await loadDemo(store, { size: 'small', seed: 42, today: TODAY });
});
afterAll(async () => {
  await store?.close();
});

describe('KPIs on the demo company', () => {
  it('reconstructs today’s receivables from history exactly as the stored open balances', async () => {
    const rows = await receivablesAsOf(store.sql, [TODAY], 'due', 'USD');
    const total = rows.reduce((s, r) => s + r.current + r['1-30'] + r['31-60'] + r['61-90'] + r.over90, 0);
    const [stored] = await store.sql.query<{ open: string }>(
      `SELECT (sum(open_amount) * 100)::bigint::text AS open FROM invoices WHERE issue_date <= $1::date`,
      [TODAY],
    );
    expect(total).toBe(Number(stored?.open));
  });

  it('gives the month so far for the team and each collector, with figures in range', async () => {
    const report = await ok({});
    const [may] = report.months;
    expect(may?.month).toBe('2027-05');
    expect(may?.asOf).toBe(TODAY);
    const team = may!.team;
    expect(team.arCents).toBeGreaterThan(0);
    expect(team.dsoDays).toBeGreaterThan(team.bestPossibleDsoDays!);
    expect(team.addDays).toBeCloseTo(team.dsoDays! - team.bestPossibleDsoDays!, 10);
    expect(team.ceiPct).toBeGreaterThan(0);
    expect(team.ceiPct).toBeLessThanOrEqual(100);
    expect(team.contacts).toBeGreaterThan(0);
    expect(team.businessDays).toBe(20);
    expect(team.aging.currentPct! + team.aging.over90Pct!).toBeLessThanOrEqual(100);
    // The demo runs late: it is far from the national 87% current.
    expect(team.aging.currentPct).toBeLessThan(87);
    expect(may!.collectors.map((c) => (c.scope.kind === 'collector' ? c.scope.code : c.scope.kind))).toEqual([
      'ava',
      'hiro',
      'unassigned',
    ]);
    const sumAr = may!.collectors.reduce((s, c) => s + c.kpis.arCents, 0);
    expect(sumAr).toBe(team.arCents);
  });

  it('reports twelve whole months, each as of its last day', async () => {
    const report = await ok({ month: '2027-04', months: 12 });
    expect(report.months.map((m) => m.asOf)).toEqual([
      '2026-05-31',
      '2026-06-30',
      '2026-07-31',
      '2026-08-31',
      '2026-09-30',
      '2026-10-31',
      '2026-11-30',
      '2026-12-31',
      '2027-01-31',
      '2027-02-28',
      '2027-03-31',
      '2027-04-30',
    ]);
    for (const m of report.months) expect(m.team.dsoDays).toBeGreaterThan(0);
  });

  it('reports promise outcomes where promises fell due', async () => {
    const report = await ok({ month: '2027-05', months: 4 });
    const kept = report.months.reduce((s, m) => s + m.team.promisesKept, 0);
    const broken = report.months.reduce((s, m) => s + m.team.promisesBroken, 0);
    expect(kept).toBeGreaterThan(0);
    expect(broken).toBeGreaterThan(0);
  });

  it('follows the settings: invoice-date aging counts more as current', async () => {
    const byDue = (await ok({ month: '2027-04' })).months[0]!.team;
    await writeSettings(store.sql, KPI_SETTINGS, { agingBasis: 'invoice' }, { actor: 'test', source: 'cli' });
    const byInvoice = (await ok({ month: '2027-04' })).months[0]!.team;
    await writeSettings(store.sql, KPI_SETTINGS, { agingBasis: 'due' }, { actor: 'test', source: 'cli' });
    expect(byInvoice.arCents).toBe(byDue.arCents);
    expect(byInvoice.aging.buckets['1-30']).toBe(0);
    expect(byInvoice.aging.currentPct).not.toBe(byDue.aging.currentPct);
  });

  it('narrows to one collector, and refuses unknown collectors and future months as values', async () => {
    const one = await ok({ collectorCode: 'AVA' });
    expect(one.months[0]!.collectors).toHaveLength(1);
    expect(one.months[0]!.team.arCents).toBe(one.months[0]!.collectors[0]!.kpis.arCents);
    expect(await computeKpis(deps(), { collectorCode: 'nobody' })).toMatchObject({
      ok: false,
      error: { code: 'unknown_collector' },
    });
    expect(await computeKpis(deps(), { month: '2027-07' })).toMatchObject({
      ok: false,
      error: { code: 'month_in_future' },
    });
    expect(await computeKpis(deps(), { month: '2027-13' })).toMatchObject({
      ok: false,
      error: { code: 'bad_month' },
    });
  });

  it('has a two-line headline for the manager summary', async () => {
    const lines = kpiHeadline((await ok({})).months[0]!.team);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^KPIs May 2027 \(to 28 May\): DSO \d+\.\d days \(best possible \d+\.\d, ADD \d+\.\d\)/,
    );
    expect(lines[1]).toMatch(/current \(CRF national 87%\).*more than 90 days past due \(CRF 0\.4%\)/);
    expect(await kpiNotes(deps(), TODAY)).toEqual(lines);
  });
});

describe('KPIs in the manager summary', () => {
  it('rides along with the scheduled morning summary', async () => {
    let posted = '';
    const job = managerSummaryJob(buildCallSheets);
    await job.run(
      {
        deps: deps(),
        publisher: createConsolePublisher((text) => {
          posted += text;
        }),
        settings: SCHEDULE_SETTINGS.defaults,
        now: new Date(`${TODAY}T12:00:00Z`),
      },
      { collector: 'morgan', asOf: TODAY },
    );
    expect(posted).toMatch(/KPIs May 2027 \(to 28 May\): DSO \d+\.\d days/);
    expect(posted).toMatch(/current \(CRF national 87%\)/);
  });
});

describe('KPIs on an empty ledger', () => {
  let empty: TestStore;
  beforeAll(async () => {
    empty = await openTestStore();
  });
  afterAll(async () => {
    await empty?.close();
  });

  it('reports zero AR and undefined ratios instead of dividing by zero', async () => {
    const result = await computeKpis({ store: empty, now: () => new Date(`${TODAY}T12:00:00Z`) }, {});
    expect(result.ok).toBe(true);
    const team = result.ok ? result.value.months[0]!.team : undefined;
    expect(team).toMatchObject({
      arCents: 0,
      dsoDays: 0,
      bestPossibleDsoDays: 0,
      addDays: 0,
      ceiPct: null,
      promiseKeptPct: null,
      contacts: 0,
    });
    expect(team?.aging.currentPct).toBeNull();
    expect(await kpiNotes({ store: empty, now: () => new Date(`${TODAY}T12:00:00Z`) })).toEqual([]);
  });
});
