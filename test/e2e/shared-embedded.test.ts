// One embedded database, several processes: while the real `callsheet serve` holds the PGlite
// folder and answers signed Slack requests, the CLI's commands (import, logcall, sheet, settings,
// alerts, digest --now) run against the same database through serve's socket. Nothing is lost,
// each call is recorded once, and no command stops at the lock.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.ts';
import { type CliRun, runCallsheet, storeEnv } from '../support/run-cli.ts';
import { type ServeProcess, spawnServe } from '../support/spawn-serve.ts';
import { createTestDatabase, testBackend } from '../support/test-store.ts';
import { type FakeSlack, startFakeSlack } from './slack/fake-slack.ts';
import { postToSlackEvents, slackEnv, slashCommand } from './slack/slack-requests.ts';

let fake: FakeSlack;
let serving: ServeProcess | undefined;
let db: Awaited<ReturnType<typeof createTestDatabase>>;

const env = () => ({ ...storeEnv(db), ...slackEnv(fake), USER: 'tester' });

/** Every command started, so that a failed check still lets them finish before the folder goes. */
const started: Promise<unknown>[] = [];
const cli = (args: string[]) => {
  const run = runCallsheet(args, env());
  started.push(run);
  return run;
};

/** A signed /logcall from Ana; resolves once the core has answered (in the ack or later). */
async function slackLogcall(text: string, id: string, retryOf?: string): Promise<string> {
  const body = slashCommand({
    command: '/logcall',
    text,
    user_id: 'U0ANA',
    response_url: fake.responseUrl(id),
    ...(retryOf ? { trigger_id: retryOf } : {}),
  });
  const res = await postToSlackEvents(serving!.url, body);
  const raw = await res.text();
  if (raw) return raw;
  await fake.arrivalOf(id);
  return JSON.stringify(fake.responses.find((r) => r.id === id)?.body);
}

const ok = (run: CliRun) => {
  expect(run.stderr).not.toMatch(/another Callsheet process|lock/i);
  expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
};

describe.skipIf(testBackend() !== 'pglite')('serve and the CLI on one embedded database', () => {
  beforeAll(async () => {
    fake = await startFakeSlack();
    db = await createTestDatabase();
    ok(await runCallsheet(['import', 'examples/import'], env()));
    serving = await spawnServe(env());
  });
  afterAll(async () => {
    await Promise.allSettled(started);
    if (serving?.child.exitCode === null) await serving.stop();
    await fake?.close();
    await db?.drop();
  });

  it('runs import, logcall and the read commands while serve answers Slack', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'callsheet-shared-'));
    const customers = path.join(dir, 'customers.csv');
    writeFileSync(customers, 'code,name,collector\nNEW1,New One,ana\nNEW2,New Two,ben\nNEW3,New Three,ana\n');
    const slack = [1, 2, 3, 4].map((n) => slackLogcall(`ACME no answer`, `slack${n}`));
    const commands = [
      cli(['import', customers]),
      ...[1, 2, 3].map((n) => cli(['logcall', '--as', 'ben', '--key', `cli-${n}`, 'BOLT no answer'])),
      // The same key again: recorded once.
      cli(['logcall', '--as', 'ben', '--key', 'cli-1', 'BOLT no answer']),
      cli(['sheet', '--collector', 'ana', '--json']),
      cli(['settings']),
      cli(['alerts']),
    ];
    // No team channel is bound, so digest --now posts the collectors' sheets and exits 1 for the summary.
    const digest = cli(['digest', '--now']);
    const replies = await Promise.all(slack);
    for (const reply of replies) expect(reply).toMatch(/No answer from/);
    const runs = await Promise.all(commands);
    for (const run of runs) ok(run);
    const digested = await digest;
    expect(digested.stderr).not.toMatch(/another Callsheet process|lock/i);
    expect(digested.stdout).toMatch(/ana \([\d-]+\): posted on slack/);
    expect(runs[0]?.stdout).toMatch(/customers: 3 inserted/);
    expect(JSON.parse(runs[5]?.stdout ?? 'null')).toBeTruthy();

    expect(await serving!.stop()).toBe(0);
    expect(serving!.logs()).not.toMatch(/"level":50/);
    // serve removed its socket and lock on the way out.
    expect(existsSync(`${db.dataDir}.lock`)).toBe(false);
    expect(existsSync(`${db.dataDir}.socket`)).toBe(false);

    const store = await openStore({ dataDir: db.dataDir, migrations: 'check' });
    try {
      const calls = await store.sql.query<{ source: string; actor: string; n: number }>(
        `SELECT source, actor, count(*)::int AS n FROM interactions GROUP BY source, actor ORDER BY source`,
      );
      expect(calls).toEqual([
        { source: 'cli', actor: 'ben', n: 3 },
        { source: 'slack', actor: 'ana', n: 4 },
      ]);
      const added = await store.sql.query<{ code: string }>(
        `SELECT code FROM customers WHERE code LIKE 'NEW%' ORDER BY code`,
      );
      expect(added.map((c) => c.code)).toEqual(['NEW1', 'NEW2', 'NEW3']);
    } finally {
      await store.close();
    }
  });

  it('cleans up after a serve that was killed, and the next command opens the database itself', async () => {
    serving = await spawnServe(env());
    serving.child.kill('SIGKILL');
    await new Promise((resolve) => serving!.child.once('exit', resolve));
    expect(existsSync(`${db.dataDir}.lock`)).toBe(true);
    const run = await runCallsheet(['settings'], env());
    ok(run);
    expect(existsSync(`${db.dataDir}.socket`)).toBe(false);
  });
});
