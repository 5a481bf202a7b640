// Teams message → reply latency through Callsheet's surface (token check off, sender lookup,
// conversation reference upsert, command core, Adaptive Card reply to a local Bot Connector),
// against a bare teams-ai app that only replies "ok", both on CloudAdapter in the same run.
//   npm run bench:teams [-- --requests 200 --rounds 5 --concurrency 50]   (DATABASE_URL: Postgres, else PGlite)
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Application, TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import { teamsSurface } from '../src/adapters/teams/teams-surface.ts';
import { loadConfig } from '../src/config.ts';
import { loadDemo } from '../src/demo/load-demo.ts';
import { serve } from '../src/server/serve.ts';
import { createLogger } from '../src/shared/logger.ts';
import { openStore } from '../src/store/open-store.ts';
import { message, teamsUser } from '../test/e2e/teams/activities.ts';
import { startFakeConnector } from '../test/e2e/teams/fake-connector.ts';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '50' },
  },
});
const REQUESTS = Number(values.requests);
const ROUNDS = Number(values.rounds);
const CONCURRENCY = Number(values.concurrency);

async function bareServer(): Promise<{ url: string; close(): Promise<void> }> {
  const adapter = new TeamsAdapter({});
  const app = new Application<TurnState>({ adapter, startTypingTimer: false });
  app.activity('message', async (context) => {
    await context.sendActivity('ok');
  });
  const readBody = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  };
  const server = createServer((req, res) => {
    void readBody(req).then((body) =>
      adapter.process(
        { body, headers: req.headers, method: req.method ?? 'POST' } as never,
        {
          status: (code: number) => {
            res.statusCode = code;
          },
          header: (name: string, value: unknown) => res.setHeader(name, String(value)),
          send: (b: unknown) => res.write(typeof b === 'string' ? b : JSON.stringify(b)),
          end: () => res.end(),
        } as never,
        (context) => app.run(context).then(() => {}),
      ),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

async function load(url: string, activity: () => unknown): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next++ < REQUESTS) {
      const started = performance.now();
      const res = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity()),
      });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
      times.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return times.sort((a, b) => a - b);
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

const databaseUrl = process.env.DATABASE_URL;
const store = await openStore({
  databaseUrl,
  dataDir: databaseUrl ? undefined : path.join(os.tmpdir(), `callsheet-bench-teams-${process.pid}`),
  prisma: true,
});
await loadDemo(store, { size: 'small', seed: 42, today: '2027-05-28' });
const ava = teamsUser(1);
await store.prisma.collector.update({ where: { code: 'ava' }, data: { teamsUserId: ava.aadObjectId } });
const connector = await startFakeConnector();
const callsheet = await serve(
  { store, now: () => new Date('2027-05-28T14:00:00Z') },
  loadConfig({ TEAMS_ALLOW_UNAUTHENTICATED: 'true' }),
  createLogger('silent'),
  [teamsSurface()],
  { host: '127.0.0.1', port: 0 },
);
const bare = await bareServer();
const where = { serviceUrl: connector.url };
const activity = () => message(ava, 'account ACME', where);
// `help` touches no account data: what remains is the surface's own cost (sender look-up,
// conversation upsert, card rendering).
const helpActivity = () => message(ava, 'help', where);

await load(bare.url, activity); // warm both paths (JIT, connection pools)
await load(callsheet.server.url, activity);
connector.clear();
// Alternating rounds, so a noisy neighbour on the machine hits both sides alike.
const bareTimes: number[] = [];
const oursTimes: number[] = [];
const helpTimes: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  bareTimes.push(...(await load(bare.url, activity)));
  oursTimes.push(...(await load(callsheet.server.url, activity)));
  helpTimes.push(...(await load(callsheet.server.url, helpActivity)));
}
for (const t of [bareTimes, oursTimes, helpTimes]) t.sort((a, b) => a - b);

const row = (name: string, t: number[]) =>
  `${name.padEnd(24)} p50 ${pct(t, 50).toFixed(1).padStart(6)} ms   p99 ${pct(t, 99).toFixed(1).padStart(6)} ms`;
console.log(
  `Teams message → reply, ${ROUNDS} alternating rounds of ${REQUESTS} requests, ${CONCURRENCY} concurrent, ${store.backend}`,
);
console.log(row('bare teams-ai reply', bareTimes));
console.log(row('callsheet: account ACME', oursTimes));
console.log(row('callsheet: help', helpTimes));
const ratio = (t: number[], p: number) => (pct(t, p) / pct(bareTimes, p)).toFixed(2);
console.log(`account ACME / bare: p50 ${ratio(oursTimes, 50)}×, p99 ${ratio(oursTimes, 99)}×`);
console.log(
  `help / bare (surface overhead): p50 ${ratio(helpTimes, 50)}×, p99 ${ratio(helpTimes, 99)}× (target p99 ≤ 2×)`,
);
console.log(`replies recorded by the fake connector: ${connector.calls.length}`);

await callsheet.stop();
await bare.close();
await connector.close();
await store.close();
