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
import { ACK_BUDGET_MS } from '../src/adapters/slack/answer-in-time.ts';
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

interface Sample {
  ack: number;
  /** Until the answer was in hand: the ack itself, or the later POST to response_url. */
  answer: number;
}

let seq = 0;

async function run(
  url: string,
  n: number,
  body: (i: number, responseId: string) => string,
  answered: (responseId: string) => Promise<number>,
): Promise<Sample[]> {
  const latencies: Sample[] = [];
  let next = 0;
  let failures = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const responseId = `r${++seq}`;
      const payload = body(i, responseId);
      const started = performance.now();
      const res = await postToSlackEvents(url, payload);
      const raw = await res.text();
      const ack = performance.now() - started;
      if (res.status !== 200) failures++;
      // An empty ack means the answer follows on response_url (or, for the bare app, never).
      const answer = raw || url === bareUrl ? ack : (await answered(responseId)) - started;
      latencies.push({ ack, answer });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  if (failures) throw new Error(`${failures} of ${n} requests to ${url} were not answered 200`);
  return latencies;
}

let bareUrl = '';

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
  bareUrl = bare.url;
  const logcall = (i: number, responseId: string) =>
    slashCommand({
      command: '/logcall',
      text: `${codes[i % codes.length]} ${OUTCOMES[i % OUTCOMES.length]}`,
      user_id: users[i % users.length]!,
      response_url: fake.responseUrl(responseId),
    });
  const answered = (id: string) => fake.arrivalOf(id);
  const results: Record<'serve' | 'bare', Sample[]> = { serve: [], bare: [] };
  try {
    await run(bare.url, WARMUP, logcall, answered);
    await run(serve.url, WARMUP, logcall, answered);
    const perRound = Math.ceil(REQUESTS / ROUNDS);
    for (let r = 0; r < ROUNDS; r++) {
      results.bare.push(...(await run(bare.url, perRound, logcall, answered)));
      results.serve.push(...(await run(serve.url, perRound, logcall, answered)));
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
  const b = stats(results.bare.map((x) => x.ack));
  const s = stats(results.serve.map((x) => x.ack));
  const a = stats(results.serve.map((x) => x.answer));
  const inline = results.serve.filter((x) => x.answer === x.ack).length;
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  console.log(
    `/logcall, ${CONCURRENCY} concurrent, ${s.n} requests per target (after ${WARMUP} warm-up), ack budget ${ACK_BUDGET_MS} ms`,
  );
  console.log(`bare Bolt app, ack only:          p50 ${ms(b.p50)}  p99 ${ms(b.p99)}  max ${ms(b.max)}`);
  console.log(`callsheet serve, ack:             p50 ${ms(s.p50)}  p99 ${ms(s.p99)}  max ${ms(s.max)}`);
  console.log(
    `callsheet serve, answer in hand:  p50 ${ms(a.p50)}  p99 ${ms(a.p99)}  max ${ms(a.max)}  (${inline} of ${a.n} in the ack)`,
  );
  console.log(
    `ratio serve ack / bare ack:       p50 ${(s.p50 / b.p50).toFixed(2)}×  p99 ${(s.p99 / b.p99).toFixed(2)}×  (target p99 ≤ 2×)`,
  );
  console.log(`Slack's limit is 3,000 ms; worst ack ${ms(s.max)}`);
}

await main();
