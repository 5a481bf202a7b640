// PostgreSQL restarted while `callsheet serve` handles steady Slack traffic (20 signed /logcall
// requests a second for 30 seconds, on 127.0.0.1). Afterwards: the process is alive, every request
// was answered, every command the user was told is recorded is recorded exactly once, every one
// they were told to retry left nothing behind, and no promise is half-written.
//
// The restart briefly disturbs anything else using this server (other test runs on the machine):
// it is done once, only here, and PostgreSQL is brought back up whatever happens.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { type FakeSlack, startFakeSlack } from '../e2e/slack/fake-slack.ts';
import { slackAnswer, slackEnv, slashCommand } from '../e2e/slack/slack-requests.ts';
import { createDemoDatabase } from '../support/demo-database.ts';
import { type ServeProcess, spawnServe } from '../support/spawn-serve.ts';

const run = promisify(execFile);
const RATE_PER_SECOND = 20;
const TRAFFIC_MS = 30_000;
const RESTART_AT_MS = 10_000;

/** The local cluster to restart (Debian's layout), or null when this machine has none. */
function localCluster(): { version: string; name: string } | null {
  const url = new URL(process.env.TEST_DATABASE_URL ?? '');
  if (!['127.0.0.1', 'localhost', '::1'].includes(url.hostname) || !existsSync('/etc/postgresql'))
    return null;
  const version = readdirSync('/etc/postgresql').sort().at(-1);
  return version ? { version, name: 'main' } : null;
}

const CLUSTER = localCluster();

async function isReady(): Promise<boolean> {
  const url = new URL(process.env.TEST_DATABASE_URL ?? '');
  return run('pg_isready', ['-q', '-h', url.hostname, '-p', url.port || '5432']).then(
    () => true,
    () => false,
  );
}

/** Waits for PostgreSQL to accept connections; starts the cluster if it does not come back. */
async function ensureUp(): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    for (let i = 0; i < 60; i++) {
      if (await isReady()) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    if (CLUSTER)
      await run('pg_ctlcluster', ['--skip-systemctl-redirect', CLUSTER.version, CLUSTER.name, 'start']).catch(
        () => {},
      );
  }
  throw new Error('PostgreSQL did not come back up');
}

describe.skipIf(!CLUSTER)('PostgreSQL restarted under steady traffic', () => {
  let db: Awaited<ReturnType<typeof createDemoDatabase>>;
  let fake: FakeSlack;
  let serve: ServeProcess;
  let customers: string[];

  beforeAll(async () => {
    db = await createDemoDatabase('2027-05-28');
    const store = await openStore({ databaseUrl: db.url, migrations: 'check' });
    try {
      await store.sql.query(`UPDATE collectors SET slack_user_id = 'U0AVA' WHERE code = 'ava'`);
      customers = (
        await store.sql.query<{ code: string }>(`SELECT code FROM customers ORDER BY id LIMIT 20`)
      ).map((c) => c.code);
    } finally {
      await store.close();
    }
    fake = await startFakeSlack();
    serve = await spawnServe({ DATABASE_URL: db.url!, ...slackEnv(fake) });
  });
  afterAll(async () => {
    await ensureUp();
    if (serve?.child.exitCode === null) await serve.stop();
    await fake?.close();
    await db?.drop();
  });

  it('stays up, answers every request, records each accepted command exactly once, half-writes nothing', async () => {
    const sent: { key: string; answer: Promise<{ status: number; text: string }> }[] = [];
    const health: number[] = [];
    let restart: Promise<unknown> = Promise.resolve();
    const started = Date.now();
    const poll = setInterval(() => {
      void fetch(`${serve.url}/healthz`).then(
        (r) => health.push(r.status),
        () => health.push(0),
      );
    }, 100);
    try {
      for (let n = 0; Date.now() - started < TRAFFIC_MS; n++) {
        const due = started + (n * 1000) / RATE_PER_SECOND;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
        if (n === (RESTART_AT_MS * RATE_PER_SECOND) / 1000)
          restart = run('pg_ctlcluster', [
            '--skip-systemctl-redirect',
            CLUSTER!.version,
            CLUSTER!.name,
            'restart',
          ]);
        const trigger = `${started}.${n}.restart`;
        const body = slashCommand({
          command: '/logcall',
          text: `${customers[n % customers.length]} promised ${100 + n} in 5 days`,
          user_id: 'U0AVA',
          trigger_id: trigger,
          response_url: fake.responseUrl(`r${n}`),
        });
        const answer = slackAnswer(serve.url, fake, body, `r${n}`, 60_000);
        answer.catch(() => {});
        sent.push({ key: `slack:command:${trigger}`, answer });
      }
      await restart;
    } finally {
      clearInterval(poll);
      await ensureUp();
    }

    // The process lived through it, and says the database is up again.
    expect(serve.child.exitCode).toBeNull();
    await expect
      .poll(async () => (await fetch(`${serve.url}/healthz`)).status, { timeout: 30_000 })
      .toBe(200);

    // Every request was answered: recorded, or told to try again — never an apology for a bug.
    const answers = await Promise.all(sent.map((s) => s.answer));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const recorded = sent.filter((_, i) => /Recorded: /.test(answers[i]!.text));
    const retry = sent.filter((_, i) => /database is not answering/.test(answers[i]!.text));
    const other = answers.filter((a) => !/Recorded: |database is not answering/.test(a.text));
    expect(other.map((a) => a.text.slice(0, 300))).toEqual([]);
    expect(recorded.length + retry.length).toBe(sent.length);
    // Traffic after the restart was served normally.
    expect(answers.slice(-RATE_PER_SECOND).every((a) => /Recorded: /.test(a.text))).toBe(true);

    const store: Store = await openStore({ databaseUrl: db.url, migrations: 'check' });
    try {
      const counts = new Map(
        (
          await store.sql.query<{ key: string; n: number }>(
            `SELECT idempotency_key AS key, count(*)::int AS n FROM interactions
              WHERE idempotency_key = ANY($1::text[]) GROUP BY idempotency_key`,
            [sent.map((s) => s.key)],
          )
        ).map((r) => [r.key, r.n]),
      );
      expect(recorded.filter((s) => counts.get(s.key) !== 1).map((s) => s.key)).toEqual([]);
      expect(retry.filter((s) => counts.has(s.key)).map((s) => s.key)).toEqual([]);
      const [halfWritten] = await store.sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM interactions i
          WHERE i.idempotency_key = ANY($1::text[])
            AND (SELECT count(*) FROM promises p WHERE p.interaction_id = i.id) <> 1`,
        [sent.map((s) => s.key)],
      );
      expect(halfWritten?.n).toBe(0);
    } finally {
      await store.close();
    }
    console.info(
      `restart under load: ${sent.length} requests, ${recorded.length} recorded, ${retry.length} told to retry; /healthz ${health.filter((s) => s !== 200).length} of ${health.length} polls not 200`,
    );
    expect(serve.logs()).not.toMatch(/"level":60|Unhandled|uncaught/i);
  });
});
