// How long a logged call takes end to end (actor look-up, customer match, parse, one transaction
// with the interaction and its promise), against the least any logged call must cost: one
// transaction inserting one interaction row, measured in the same run on the same database.
//   npx tsx bench/commands.ts                 (embedded PGlite, in memory)
//   DATABASE_URL=postgres://… npx tsx bench/commands.ts
// Traps: the first calls warm the JIT and the connection pool, so each series runs a warm-up
// first; the demo is loaded before timing; keys are unique so every call really writes.
import { runCommand } from '../src/app/commands/run-command.ts';
import { loadDemo } from '../src/demo/load-demo.ts';
import { parseLogcall } from '../src/domain/grammar/parse-logcall.ts';
import { openStore } from '../src/store/open-store.ts';

const N = Number(process.env.BENCH_N ?? 300);
const run = Date.now().toString(36); // keys unique across runs on the same database
const size = (process.env.BENCH_SIZE ?? 'medium') as 'small' | 'medium' | 'large';
const store = await openStore({
  databaseUrl: process.env.DATABASE_URL,
  dataDir: 'memory://',
  migrations: 'auto',
});
const now = () => new Date('2027-05-28T15:00:00Z');
try {
  await loadDemo(store, { size, seed: 42, today: '2027-05-28' });
  const customers = await store.sql.query<{ id: number; code: string; name: string }>(
    `SELECT c.id, c.code, c.name FROM customers c ORDER BY id`,
  );
  const lines = customers.map(
    (c, i) => `${i % 2 ? c.code : `"${c.name}"`} promised ${1 + (i % 9)}k by friday - spoke to AP`,
  );

  const percentile = (xs: number[], p: number) =>
    [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)]!;
  async function series(label: string, fn: (i: number) => Promise<unknown>) {
    for (let i = 0; i < 20; i++) await fn(-1 - i);
    const times: number[] = [];
    for (let i = 0; i < N; i++) {
      const t = performance.now();
      await fn(i);
      times.push(performance.now() - t);
    }
    const r = { label, p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
    console.log(
      `${label.padEnd(44)} p50 ${r.p50.toFixed(2).padStart(7)} ms   p99 ${r.p99.toFixed(2).padStart(7)} ms`,
    );
    return r;
  }

  console.log(
    `logcall benchmark: ${store.backend}, demo ${size} (${customers.length} customers), ${N} calls each\n`,
  );
  const baseline = await series('baseline: one INSERT in a transaction', (i) =>
    store.sql.transaction((tx) =>
      tx.query(
        `INSERT INTO interactions (customer_id, collector_id, occurred_at, outcome, note, idempotency_key, actor, source)
         VALUES ($1, 1, now(), 'no_answer', 'bench', $2, 'ava', 'console')`,
        [customers[Math.abs(i) % customers.length]!.id, `bench-base-${run}-${i}`],
      ),
    ),
  );
  const logcall = await series('runCommand logcall … promised (recorded)', (i) =>
    runCommand(
      { store, now },
      {
        command: 'logcall',
        text: lines[Math.abs(i) % lines.length]!,
        user: { platform: 'console', id: 'ava' },
        idempotencyKey: `bench-${run}-${i}`,
      },
    ),
  );
  const retry = await series('runCommand retried (same key, stored reply)', () =>
    runCommand(
      { store, now },
      {
        command: 'logcall',
        text: lines[0]!,
        user: { platform: 'console', id: 'ava' },
        idempotencyKey: `bench-${run}-0`,
      },
    ),
  );
  const t = performance.now();
  const ctx = { customers, today: '2027-05-28', dateOrder: 'MDY' as const, horizonDays: 90 };
  for (let i = 0; i < 2000; i++) parseLogcall(lines[i % lines.length]!, ctx);
  const parseMs = (performance.now() - t) / 2000;
  console.log(`${'parse only, against every customer'.padEnd(44)} ${parseMs.toFixed(3)} ms per line`);
  console.log(
    `\nratio logcall / baseline: p50 ${(logcall.p50 / baseline.p50).toFixed(1)}×, p99 ${(logcall.p99 / baseline.p99).toFixed(1)}×; retried ${(retry.p50 / baseline.p50).toFixed(1)}×`,
  );
} finally {
  await store.close();
}
