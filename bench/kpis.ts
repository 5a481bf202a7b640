// Benchmark: twelve months of KPIs (team + every collector) on the medium demo company, against
// a raw scan of the tables the KPIs read, measured in the same run on the same database; then
// the backtest over the same twelve months (BENCH_BACKTEST_MONTHS; 0 skips it), timed once,
// split into Callsheet's sheets (the engine, once per business day) and the rest.
// PGlite in memory by default; BENCH_DATABASE_URL=postgresql://… runs it on a disposable Postgres
// database (the demo is loaded into it). Traps: the first run warms caches, so each figure is
// the median of several runs after one warm-up; the demo load itself is not timed.
import { type BacktestPolicy, businessDays, replayedPolicy, runBacktest } from '../src/app/backtest.ts';
import { computeKpis } from '../src/app/compute-kpis.ts';
import { loadDemo } from '../src/demo/load-demo.ts';
import { openStore } from '../src/store/open-store.ts';

const TODAY = '2027-05-28';
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const url = process.env.BENCH_DATABASE_URL;

async function median(fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const store = await openStore({ databaseUrl: url, dataDir: 'memory://', migrations: 'auto', log: () => {} });
try {
  const t0 = performance.now();
  const loaded = await loadDemo(store, { size: 'medium', seed: 42, today: TODAY });
  const c = loaded.counts;
  console.log(
    `medium demo on ${store.backend}: ${c.customers} customers, ${c.invoices} invoices, ${c.payments} payments, ` +
      `${c.interactions} interactions (loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
  const deps = { store, now: () => new Date(`${TODAY}T12:00:00Z`) };
  const kpis = await median(async () => {
    const r = await computeKpis(deps, { month: '2027-05', months: 12 });
    if (!r.ok) throw new Error(r.error.message);
  });
  // The baseline: one pass over each table the KPIs read, grouped as the KPIs group them.
  const scan = await median(() =>
    Promise.all([
      store.sql.query(
        `SELECT c.collector_id, date_trunc('month', i.issue_date), sum(i.amount), count(*)
           FROM invoices i JOIN customers c ON c.id = i.customer_id GROUP BY 1, 2`,
      ),
      store.sql.query(
        `SELECT pa.invoice_id, sum(pa.amount), max(p.received_on)
           FROM payment_applications pa JOIN payments p ON p.id = pa.payment_id GROUP BY 1`,
      ),
      store.sql.query('SELECT collector_id, count(*) FROM interactions GROUP BY 1'),
      store.sql.query('SELECT collector_id, status, count(*) FROM promises GROUP BY 1, 2'),
    ]),
  );
  console.log(`12 months of KPIs (team + collectors): ${kpis.toFixed(0)} ms (median of ${RUNS})`);
  console.log(`raw scan of invoices, payments, interactions, promises: ${scan.toFixed(0)} ms`);
  console.log(`ratio KPIs / raw scan: ${(kpis / scan).toFixed(2)}×   target: well under a minute on PGlite`);

  const months = Number(process.env.BENCH_BACKTEST_MONTHS ?? 12);
  if (months > 0) {
    const from = new Date(Date.UTC(2027, 4 - months, 1)).toISOString().slice(0, 10);
    const to = '2027-04-30';
    let engineMs = 0;
    const t = performance.now();
    // As `callsheet backtest` does: the engine's plan each day, the year of payments read once.
    const replay = await replayedPolicy(deps, from, to, () => {});
    engineMs += performance.now() - t;
    const engine: BacktestPolicy = {
      ...replay,
      async pick(asOf, calls) {
        const started = performance.now();
        const ids = await replay.pick(asOf, calls);
        engineMs += performance.now() - started;
        return ids;
      },
    };
    const result = await runBacktest(deps, { from, to }, engine);
    const total = performance.now() - t;
    if (!result.ok) throw new Error(result.error.message);
    const days = businessDays(from, to).length;
    console.log(
      `backtest ${from}..${to} (${days} business days, ${result.value.policies.length} policies): ${(total / 1000).toFixed(1)} s — ` +
        `Callsheet's sheets ${(engineMs / 1000).toFixed(1)} s (${(engineMs / days).toFixed(0)} ms a day), ` +
        `baselines + scoring ${((total - engineMs) / 1000).toFixed(1)} s (${((total - engineMs) / scan).toFixed(1)}× the raw scan)`,
    );
    for (const p of result.value.policies)
      console.log(
        `  ${p.label.padEnd(30)} still-early late $ covered ${p.summary.earlyCoveragePct?.toFixed(1)}%  all late $ ${p.summary.coveragePct?.toFixed(1)}%  lead ${p.summary.avgLeadDays?.toFixed(1)} d (by $: ${p.summary.dollarLeadDays?.toFixed(1)} d)  calls/day ${p.summary.callsPerDay.toFixed(1)}`,
      );
  }
} finally {
  await store.close();
}
