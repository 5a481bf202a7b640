// bench/slack: signed /logcall requests → ack latency of `callsheet serve` (real command core,
// writing to PostgreSQL) against a bare Bolt app that only acks, measured in the same run with the
// same load generator. Both servers run as child processes; the fake Slack Web API runs here.
//
//   npm run bench:slack                      # 2,000 requests per target, 50 concurrent
//   BENCH_REQUESTS=400 npm run bench:slack   # quicker
//   BENCH_DATABASE_URL=postgresql://…        # admin connection; default the local postgres
//
// Traps: the load generator shares the CPU with both servers (absolute figures are pessimistic, the
// ratio is what matters); the targets are measured in alternating rounds so drift hits both; the
// first 100 requests of each are warm-up and not counted.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadDemo } from '../src/demo/load-demo.ts';
import { openStore } from '../src/store/open-store.ts';
import { startFakeSlack } from '../test/e2e/slack/fake-slack.ts';
import {
  postToSlackEvents,
  slashCommand,
  TEST_BOT_TOKEN,
  TEST_SIGNING_SECRET,
} from '../test/e2e/slack/slack-requests.ts';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const ROUNDS = 4;
const WARMUP = 100;
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'callsheet_bench_slack';

function dbUrl(name: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

async function prepareDatabase(): Promise<{ codes: string[]; users: string[] }> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB_NAME}`);
  await admin.end();
  const store = await openStore({ databaseUrl: dbUrl(DB_NAME), migrations: 'auto' });
  try {
    await loadDemo(store, { size: 'small', seed: 42, today: new Date().toISOString().slice(0, 10) });
    await store.sql.query(`UPDATE collectors SET slack_user_id = 'UBENCH' || id`);
    const users = (await store.sql.query<{ u: string }>('SELECT slack_user_id AS u FROM collectors')).map(
      (r) => r.u,
    );
    const codes = (
      await store.sql.query<{ code: string }>('SELECT code FROM customers ORDER BY id LIMIT 200')
    ).map((r) => r.code);
    return { codes, users };
  } finally {
    await store.close();
  }
}

function startChild(
  args: string[],
  env: Record<string, string>,
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not start:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /"url":"(http:\/\/[^"]+)"/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ url: m[1], child });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited ${code}:\n${out}`)));
  });
}

const OUTCOMES = [
  'no answer',
  'vm',
  'promised 500 in 3 days',
  'note asked for a copy of the invoice',
  'callback tomorrow',
];

async function run(url: string, n: number, body: (i: number) => string): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const payload = body(i);
      const started = performance.now();
      const res = await postToSlackEvents(url, payload);
      await res.arrayBuffer();
      latencies.push(performance.now() - started);
      if (res.status !== 200) failures++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  if (failures) throw new Error(`${failures} of ${n} requests to ${url} were not answered 200`);
  return latencies;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function main(): Promise<void> {
  const fake = await startFakeSlack();
  const { codes, users } = await prepareDatabase();
  const env = {
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
  };
  const bin = fileURLToPath(new URL('../bin/callsheet.mjs', import.meta.url));
  const serve = await startChild([bin, 'serve', '--port', '0', '--host', '127.0.0.1'], {
    ...env,
    DATABASE_URL: dbUrl(DB_NAME),
  });
  const bare = await startChild(
    ['--import', 'tsx', fileURLToPath(new URL('./slack-bare-app.ts', import.meta.url))],
    env,
  );
  const responseUrl = fake.responseUrl('bench');
  const logcall = (i: number) =>
    slashCommand({
      command: '/logcall',
      text: `${codes[i % codes.length]} ${OUTCOMES[i % OUTCOMES.length]}`,
      user_id: users[i % users.length]!,
      response_url: responseUrl,
    });
  const results: Record<'serve' | 'bare', number[]> = { serve: [], bare: [] };
  try {
    await run(bare.url, WARMUP, logcall);
    await run(serve.url, WARMUP, logcall);
    const perRound = Math.ceil(REQUESTS / ROUNDS);
    for (let r = 0; r < ROUNDS; r++) {
      results.bare.push(...(await run(bare.url, perRound, logcall)));
      results.serve.push(...(await run(serve.url, perRound, logcall)));
    }
  } finally {
    serve.child.kill('SIGTERM');
    bare.child.kill('SIGTERM');
    await fake.close();
  }
  const stats = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return { n: s.length, p50: pct(s, 50), p99: pct(s, 99), max: s.at(-1)! };
  };
  const b = stats(results.bare);
  const s = stats(results.serve);
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  console.log(
    `/logcall → ack, ${CONCURRENCY} concurrent, ${s.n} requests per target (after ${WARMUP} warm-up)`,
  );
  console.log(`bare Bolt app (ack only):       p50 ${ms(b.p50)}  p99 ${ms(b.p99)}  max ${ms(b.max)}`);
  console.log(`callsheet serve (core + DB):    p50 ${ms(s.p50)}  p99 ${ms(s.p99)}  max ${ms(s.max)}`);
  console.log(
    `ratio serve / bare:             p50 ${(s.p50 / b.p50).toFixed(2)}×  p99 ${(s.p99 / b.p99).toFixed(2)}×  (target p99 ≤ 2×)`,
  );
  console.log(`Slack's limit is 3,000 ms; worst ack ${ms(s.max)}`);
}

await main();
