// Benchmark: twelve months of KPIs (team + every collector) on the medium demo company, against
// a raw scan of the tables the KPIs read, measured in the same run on the same database.
// PGlite in memory by default; BENCH_DATABASE_URL=postgresql://… runs it on a disposable Postgres
// database (the demo is loaded into it). Traps: the first run warms caches, so each figure is
// the median of several runs after one warm-up; the demo load itself is not timed.
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
} finally {
  await store.close();
}
