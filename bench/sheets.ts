// Benchmark: build every call sheet for a day on the large demo company (50k customers, ~1M
// invoices) in PostgreSQL, against one raw scan that sums open balances per customer, measured in
// the same run. Targets (docs/benchmarks.md): ≤ 3× the scan and ≤ 2 s.
//
//   npm run bench:sheets                 # Postgres: database callsheet_bench (loaded once, reused)
//   npm run bench:sheets -- --pglite     # the medium demo on the embedded PGlite (in memory)
//
// BENCH_DATABASE_URL overrides the Postgres database. Traps: the first run after loading pays for
// cold caches and missing statistics, so the script runs ANALYZE and one warm-up of each side
// first; both sides return their rows to Node, so neither is favoured by skipping transfer. The
// warm-up also stores the day's pay profiles (and keeps the set read in memory, as a running server
// does); one figure forgets that set before every build (a new process reads it from the table),
// another makes the stored profiles stale before every build (the first build after an import).
import pg from 'pg';
import { buildCallSheets } from '../src/app/build-call-sheets.ts';
import type { DemoSize } from '../src/demo/company.ts';
import { loadDemo, readDemoMarker } from '../src/demo/load-demo.ts';
import { openStore, type Store } from '../src/store/open-store.ts';
import { forgetReadProfiles } from '../src/store/pay-profiles.ts';

const TODAY = '2027-05-28';
const SEED = 42;
const RUNS = 7;
const DIGEST_COLLECTOR = 'ava';
const pglite = process.argv.includes('--pglite');
const size: DemoSize = pglite ? 'medium' : 'large';
const url = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/callsheet_bench';

async function ensureDatabase(target: string): Promise<void> {
  const u = new URL(target);
  const name = decodeURIComponent(u.pathname.slice(1));
  u.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
}

async function prepare(): Promise<Store> {
  if (!pglite) await ensureDatabase(url);
  const store = await openStore(
    pglite ? { dataDir: 'memory://', migrations: 'auto' } : { databaseUrl: url, migrations: 'auto' },
  );
  const marker = await readDemoMarker(store.sql);
  if (marker?.size === size && marker.seed === SEED && marker.today === TODAY) {
    console.log(`reusing the ${size} demo in ${store.location}`);
  } else {
    console.log(`loading the ${size} demo into ${store.location} (once; later runs reuse it)…`);
    const started = performance.now();
    await loadDemo(store, { size, seed: SEED, today: TODAY }, (line) =>
      process.stderr.write(`\r  ${line}   `),
    );
    process.stderr.write('\n');
    console.log(`  loaded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  // VACUUM sets the visibility map that index-only scans rely on (autovacuum does this in production).
  await store.sql.exec('VACUUM ANALYZE');
  return store;
}

/**
 * Each measurement once per round, in order, after one warm-up of each: measured side by side
 * rather than one after the other, a machine that slows down or speeds up during the run moves
 * them all alike (this one is shared), and the ratios compare like with like.
 */
async function timeRounds<K extends string>(
  fns: Record<K, () => Promise<unknown>>,
): Promise<Record<K, number[]>> {
  const names = Object.keys(fns) as K[];
  for (const name of names) await fns[name]();
  const out = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let k = 0; k < RUNS; k++)
    for (const name of names) {
      const started = performance.now();
      await fns[name]();
      out[name].push(performance.now() - started);
    }
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const store = await prepare();
try {
  const [counts] = await store.sql.query<{ customers: number; invoices: number }>(
    'SELECT (SELECT count(*) FROM customers)::int AS customers, (SELECT count(*) FROM invoices)::int AS invoices',
  );
  let sheets = 0;
  let rows = 0;
  let automated = 0;
  const deps = { store, now: () => new Date(`${TODAY}T12:00:00Z`) };
  const { scan, build, sheetsOnly, newProcess, stale, digest } = await timeRounds({
    // The first build after the ledger changed (an import, a payment) finds the pay profiles stale:
    // it reads the year of settled invoices as before and stores them for the builds after it.
    // It runs first in each round, so the full build after it reads the new set from the table
    // (as a new process would); the sheets-only figure then finds it kept in memory.
    stale: async () => {
      await store.sql.query('UPDATE pay_profile_state SET ledger_version = ledger_version + 1');
      await buildCallSheets(deps, { asOf: TODAY });
    },
    // The automated tier listed with its contacts and invoice numbers: the mail-merge queue and the
    // outreach batch (the only builds that list it).
    build: async () => {
      const set = await buildCallSheets(deps, { asOf: TODAY, automated: true });
      sheets = set.sheets.length;
      rows = set.sheets.reduce((n, s) => n + s.rows.length, 0);
      automated = set.automated.length;
    },
    scan: () =>
      store.sql.query(
        'SELECT customer_id, sum(open_amount)::text AS open FROM invoices GROUP BY customer_id',
      ),
    // The team view and the manager's summary: every sheet, the automated tier counted.
    sheetsOnly: () => buildCallSheets(deps, { asOf: TODAY }),
    // What one collector's morning digest builds: the team's plan and their sheet.
    digest: () => buildCallSheets(deps, { asOf: TODAY, collectorCode: DIGEST_COLLECTOR }),
    newProcess: () => {
      forgetReadProfiles(store.sql);
      return buildCallSheets(deps, { asOf: TODAY });
    },
  });
  const ratio = median(build) / median(scan);
  const ratioSheets = median(sheetsOnly) / median(scan);
  const ratioNew = median(newProcess) / median(scan);
  console.log(
    `${store.backend}, ${size} demo: ${counts?.customers} customers, ${counts?.invoices} invoices; ${sheets} sheets, ${rows} calls, ${automated} automated`,
  );
  console.log(
    `  raw GROUP BY scan of invoices  median ${median(scan).toFixed(0)} ms  (runs ${scan.map((t) => t.toFixed(0)).join(', ')})`,
  );
  console.log(
    `  all sheets and the automated tier listed (mail merge, outreach)   median ${median(build).toFixed(0)} ms  (runs ${build.map((t) => t.toFixed(0)).join(', ')})`,
  );
  console.log(
    `  all sheets, automated tier counted (team view, manager summary)  median ${median(sheetsOnly).toFixed(0)} ms  (runs ${sheetsOnly.map((t) => t.toFixed(0)).join(', ')})`,
  );
  console.log(
    `  sheets only, profiles read from the table (a new process)  median ${median(newProcess).toFixed(0)} ms  (runs ${newProcess.map((t) => t.toFixed(0)).join(', ')})`,
  );
  console.log(
    `  one collector's digest (${DIGEST_COLLECTOR}'s sheet)  median ${median(digest).toFixed(0)} ms  (runs ${digest.map((t) => t.toFixed(0)).join(', ')})`,
  );
  console.log(
    `  sheets only, pay profiles stale (first build after an import)  median ${median(stale).toFixed(0)} ms  (runs ${stale.map((t) => t.toFixed(0)).join(', ')})`,
  );
  const verdict = (r: number, ms: number) =>
    `${r.toFixed(2)}× (target ≤ 3×: ${r <= 3 ? 'met' : 'missed'}), ${ms <= 2000 ? 'within' : 'over'} 2 s`;
  console.log(`  ratio, sheets:                  ${verdict(ratioSheets, median(sheetsOnly))}`);
  console.log(`  ratio, sheets, new process:     ${verdict(ratioNew, median(newProcess))}`);
  console.log(`  ratio, one collector's digest:  ${verdict(median(digest) / median(scan), median(digest))}`);
  console.log(`  ratio, with the automated tier listed: ${verdict(ratio, median(build))}`);
  const [load] = (await import('node:os')).loadavg();
  console.log(
    `  machine load average while measuring: ${load?.toFixed(1)} on ${(await import('node:os')).cpus().length} cores`,
  );
} finally {
  await store.close();
}
