// Benchmark: import 1,000,000 invoice rows (and the 50,000 customers they reference) from CSV into
// PostgreSQL, against `psql \copy` of the same file into a bare table, in the same run.
// The database `callsheet_bench_import` is recreated each run on the server of BENCH_DATABASE_URL
// (default postgresql://postgres@127.0.0.1:5432/postgres). The import runs in a child process
// so its peak RSS is its own. Traps: the files are generated once into bench/.data (delete it to
// regenerate); \copy loads a table with no indexes, the import upserts into one with five; the
// first import of invoices finds the table empty and takes the initial load (no staging table),
// the re-import takes the staging path. The machine is shared: the load average is printed
// before and after, and only the ratio measured in the same run means much.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { importFiles } from '../src/app/import-files.ts';
import { openStore } from '../src/store/open-store.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const CUSTOMERS = Math.max(1, Math.round(ROWS / 20));
const DATA = path.join(import.meta.dirname, '.data');
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const DB = 'callsheet_bench_import';

function dbUrl(): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${DB}`;
  return u.toString();
}

/** Deterministic pseudo-random numbers (mulberry32), so every run imports the same file. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function writeLines(
  file: string,
  header: string,
  count: number,
  line: (i: number) => string,
): Promise<void> {
  const out = createWriteStream(file);
  out.write(`${header}\n`);
  let buf = '';
  for (let i = 0; i < count; i++) {
    buf += line(i);
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise((r) => out.once('drain', () => r(undefined)));
      buf = '';
    }
  }
  out.end(buf);
  await new Promise((r) => out.once('finish', () => r(undefined)));
}

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
const code = (i: number) => `C${String(i).padStart(6, '0')}`;

async function generate(): Promise<{ customers: string; invoices: string }> {
  mkdirSync(DATA, { recursive: true });
  const customers = path.join(DATA, `customers-${CUSTOMERS}.csv`);
  const invoices = path.join(DATA, `invoices-${ROWS}.csv`);
  if (!existsSync(customers)) {
    const rnd = random(7);
    await writeLines(customers, 'code,name,industry,region,credit_limit,terms_days', CUSTOMERS, (i) => {
      return `${code(i)},"Customer ${i}, Inc.",Manufacturing,Midwest,${Math.floor(rnd() * 100_000)}.00,${[30, 45, 60][i % 3]}\n`;
    });
  }
  if (!existsSync(invoices)) {
    const rnd = random(42);
    await writeLines(
      invoices,
      'number,customer,issue_date,due_date,delivery_date,amount,open_amount,currency,disputed',
      ROWS,
      (i) => {
        const issued = Math.floor(rnd() * 500);
        const cents = 1000 + Math.floor(rnd() * 5_000_000);
        const open = rnd() < 0.3 ? cents : 0;
        const money = (c: number) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
        return `INV-${String(i).padStart(8, '0')},${code(Math.floor(rnd() * CUSTOMERS))},${day(issued)},${day(issued + 30)},${day(issued - 1)},${money(cents)},${money(open)},USD,${rnd() < 0.01}\n`;
      },
    );
  }
  return { customers, invoices };
}

/** In the child: import the files, print the report, the seconds per file and the peak RSS. */
async function child(files: string[]): Promise<void> {
  const store = await openStore({ databaseUrl: dbUrl(), migrations: 'check' });
  try {
    const seconds: number[] = [];
    for (const file of files) {
      const t = performance.now();
      const result = await importFiles(
        { store, now: () => new Date() },
        { paths: [file], actor: { code: 'bench', source: 'import' } },
      );
      if (!result.ok || result.value.status !== 'written') throw new Error(JSON.stringify(result));
      seconds.push((performance.now() - t) / 1000);
    }
    console.log(JSON.stringify({ seconds, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
  } finally {
    await store.close();
  }
}

function runChild(files: string[]): Promise<{ seconds: number[]; maxRssMb: number }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), '--child', ...files],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { ...process.env, CI: 'true' },
      },
    );
    let out = '';
    proc.stdout.on('data', (d) => {
      out += d;
    });
    proc.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop()!))
        : reject(new Error(`import exited ${code}`)),
    );
  });
}

async function recreateDatabase(): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${DB}`);
  } finally {
    await admin.end();
  }
  const store = await openStore({ databaseUrl: dbUrl(), migrations: 'auto' });
  await store.sql.exec(`CREATE TABLE bench_copy (number text, customer text, issue_date date, due_date date,
    delivery_date date, amount numeric(14,2), open_amount numeric(14,2), currency text, disputed boolean)`);
  await store.close();
}

function psqlCopy(file: string): number {
  const t = performance.now();
  const run = spawnSync(
    'psql',
    [
      dbUrl(),
      '-v',
      'ON_ERROR_STOP=1',
      '-c',
      `\\copy bench_copy FROM '${file}' WITH (FORMAT csv, HEADER true)`,
    ],
    {
      encoding: 'utf8',
    },
  );
  if (run.status !== 0) throw new Error(`psql \\copy failed: ${run.stderr || run.error?.message}`);
  return (performance.now() - t) / 1000;
}

const loadAverage = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

async function main(): Promise<void> {
  const t0 = performance.now();
  console.log(`load average before: ${loadAverage()} (${os.cpus().length} cores)`);
  const files = await generate();
  const mb = (f: string) => (statSync(f).size / 1e6).toFixed(0);
  console.log(
    `data: ${ROWS.toLocaleString('en-US')} invoices (${mb(files.invoices)} MB), ${CUSTOMERS.toLocaleString('en-US')} customers, ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  await recreateDatabase();
  const copy = psqlCopy(files.invoices);
  const imported = await runChild([files.customers, files.invoices]);
  const [customersS, invoicesS] = imported.seconds as [number, number];
  const rate = ROWS / invoicesS;
  const copyRate = ROWS / copy;
  console.log(
    `psql \\copy into a bare table:  ${copy.toFixed(2)} s  ${Math.round(copyRate).toLocaleString('en-US')} rows/s`,
  );
  console.log(
    `callsheet import (customers): ${customersS.toFixed(2)} s  ${Math.round(CUSTOMERS / customersS).toLocaleString('en-US')} rows/s`,
  );
  console.log(
    `callsheet import (invoices):  ${invoicesS.toFixed(2)} s  ${Math.round(rate).toLocaleString('en-US')} rows/s`,
  );
  console.log(
    `ratio import / \\copy speed:   ${(rate / copyRate).toFixed(2)}×   target ≥ 0.3× and ≥ 100,000 rows/s`,
  );
  console.log(`peak RSS of the import:       ${imported.maxRssMb.toFixed(0)} MB   target < 300 MB`);
  const again = await runChild([files.invoices]);
  console.log(
    `re-import (all unchanged):    ${again.seconds[0]!.toFixed(2)} s  ${Math.round(ROWS / again.seconds[0]!).toLocaleString('en-US')} rows/s`,
  );
  console.log(`load average after:  ${loadAverage()}`);
}

if (process.argv[2] === '--child') await child(process.argv.slice(3));
else await main();
