// Backends killed mid-work on a real PostgreSQL (pg_terminate_backend, as a failover, a restart
// or an admin does): in the middle of a slash command served by `callsheet serve`, an import, the
// scheduler's digest run and its alert scan, and the database refusing connections altogether.
// Each is stopped at a known point by a table lock this test holds, so the kill lands mid-work
// every time. Only this file's own databases are touched.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsolePublisher } from '../../src/adapters/console/console-publisher.ts';
import { buildCallSheets } from '../../src/app/build-call-sheets.ts';
import { scanAlerts } from '../../src/app/scan-alerts.ts';
import { alertScanJob } from '../../src/jobs/alert-scan.ts';
import { boundTo } from '../../src/jobs/default-jobs.ts';
import { listRuns } from '../../src/jobs/ledger.ts';
import { createScheduler } from '../../src/jobs/scheduler.ts';
import { sheetDigestJob } from '../../src/jobs/sheet-digest.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { type FakeSlack, startFakeSlack } from '../e2e/slack/fake-slack.ts';
import { slackAnswer, slackEnv, slashCommand } from '../e2e/slack/slack-requests.ts';
import { dbFingerprint } from '../support/db-fingerprint.ts';
import { createDemoDatabase } from '../support/demo-database.ts';
import { type PgFaults, pgFaults } from '../support/pg-faults.ts';
import { runCallsheet } from '../support/run-cli.ts';
import { type ServeProcess, spawnServe } from '../support/spawn-serve.ts';

// The demo's morning: 10:00 in New York, after every collector's 08:00 digest.
const MORNING = new Date('2027-05-28T14:00:00Z');
let db: Awaited<ReturnType<typeof createDemoDatabase>>;
let store: Store;
let faults: PgFaults;

beforeAll(async () => {
  db = await createDemoDatabase('2027-05-28');
  store = await openStore({ databaseUrl: db.url, migrations: 'check' });
  faults = await pgFaults(db.url!);
});
afterAll(async () => {
  await faults?.allowConnections(true);
  await faults?.close();
  await store?.close();
  await db?.drop();
});

const count = async (sql: string, params: unknown[] = []) =>
  (await store.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0]!.n;

describe('callsheet serve', () => {
  let fake: FakeSlack;
  let serve: ServeProcess;
  let customer: string;
  let seq = 0;

  const logcall = (text: string) => {
    const id = `kill${++seq}`;
    const trigger = `${Date.now()}.${seq}.fault`;
    const body = slashCommand({
      command: '/logcall',
      text,
      user_id: 'U0AVA',
      trigger_id: trigger,
      response_url: fake.responseUrl(id),
    });
    return { key: `slack:command:${trigger}`, answer: slackAnswer(serve.url, fake, body, id) };
  };

  beforeAll(async () => {
    await store.sql.query(`UPDATE collectors SET slack_user_id = 'U0AVA' WHERE code = 'ava'`);
    customer = (await store.sql.query<{ code: string }>(`SELECT code FROM customers ORDER BY id LIMIT 1`))[0]!
      .code;
    fake = await startFakeSlack();
    serve = await spawnServe({ DATABASE_URL: db.url!, ...slackEnv(fake) });
  });
  afterAll(async () => {
    if (serve?.child.exitCode === null) await serve.stop();
    await fake?.close();
  });

  it('keeps running when its backends are killed mid slash command, and records the command once', async () => {
    let request!: ReturnType<typeof logcall>;
    // Sent while the test holds promises: the command waits there inside its transaction (the
    // interaction written, its promise not yet), in flight on a checked-out connection, when killed.
    await faults.killMidway(['promises'], async () => {
      request = logcall(`${customer} promised 250 in 3 days`);
    });
    const { status, text } = await request.answer;
    expect(status).toBe(200);
    expect(serve.child.exitCode).toBeNull();
    // Retried once after the kill (it is idempotent by its key): recorded, exactly once.
    expect(text).toMatch(/Recorded: /);
    expect(await count('interactions WHERE idempotency_key = $1', [request.key])).toBe(1);
    expect(
      await count('promises p JOIN interactions i ON i.id = p.interaction_id WHERE i.idempotency_key = $1', [
        request.key,
      ]),
    ).toBe(1);
    const next = logcall(`${customer} vm`);
    expect((await next.answer).text).toMatch(/Recorded: /);
    expect(serve.logs()).not.toMatch(/"level":50.*Connection terminated/);
  });

  it('answers "try again" and /healthz 503 while the database is away, and both normally after', async () => {
    await faults.allowConnections(false);
    try {
      await faults.terminateBackends();
      const health = await fetch(`${serve.url}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({
        status: 'unavailable',
        checks: { database: { status: 'down' } },
      });
      const request = logcall(`${customer} na`);
      const { text } = await request.answer;
      expect(text).toMatch(/database is not answering right now, so nothing was recorded/);
      expect(serve.child.exitCode).toBeNull();
    } finally {
      await faults.allowConnections(true);
    }
    expect((await fetch(`${serve.url}/healthz`)).status).toBe(200);
    const after = logcall(`${customer} na`);
    expect((await after.answer).text).toMatch(/Recorded: /);
    expect(await count('interactions WHERE idempotency_key = $1', [after.key])).toBe(1);
  });
});

describe('the CLI', () => {
  const env = () => ({ DATABASE_URL: db.url! });
  const oneLine = (stderr: string) => stderr.trim().split('\n');

  it('exits 1 with one line naming the cause when its backend is killed mid import; nothing is written', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'callsheet-fault-import-'));
    writeFileSync(path.join(dir, 'customers.csv'), 'code,name\nFAULT1,Fault One\nFAULT2,Fault Two\n');
    writeFileSync(
      path.join(dir, 'invoices.csv'),
      'number,customer,issue_date,amount\nF-1,FAULT1,2027-05-01,100\nF-2,FAULT2,2027-05-02,200\n',
    );
    const before = await dbFingerprint(store.sql);
    // customers.csv is loaded, then the import waits for invoices: killed there, mid-transaction.
    const run = await faults.killMidway(['invoices'], () =>
      runCallsheet(['import', dir, '--actor', 'fault'], env()),
    );
    expect(run.code).toBe(1);
    expect(oneLine(run.stderr)).toEqual([
      // Which words come first is a race: the server's notice, or pg's refusal of the next query
      // on the dead socket. Either names the lost connection.
      expect.stringMatching(
        /^callsheet: lost the connection to the database \((terminating connection due to administrator command|Client has encountered a connection error and is not queryable|Connection terminated unexpectedly)\); nothing more was written/,
      ),
    ]);
    expect(await dbFingerprint(store.sql)).toEqual(before);
  });

  it('exits 1 with one line when its backend is killed mid sheet', async () => {
    const run = await faults.killMidway(['invoices'], () =>
      runCallsheet(['sheet', '--collector', 'ava'], env()),
    );
    expect(run.code).toBe(1);
    expect(oneLine(run.stderr)).toEqual([
      expect.stringMatching(/^callsheet: lost the connection to the database/),
    ]);
  });
});

describe('the scheduler', () => {
  const log = createLogger('silent');
  const later = (minutes: number) => new Date(MORNING.getTime() + minutes * 60_000);

  it('retries a digest run killed mid-way through the ledger, and posts each sheet exactly once', async () => {
    const printed: string[] = [];
    const publisher = createConsolePublisher((text) => printed.push(text));
    const scheduler = createScheduler({
      deps: { store, now: () => MORNING },
      publisher,
      jobs: [boundTo(sheetDigestJob(buildCallSheets), publisher)],
      log,
    });
    const first = await faults.killMidway(['invoices'], () => scheduler.tick(MORNING));
    expect(
      first.ran.some((r) => !r.ok && /terminating connection|Connection terminated/.test(r.error ?? '')),
    ).toBe(true);
    // The first retry is due a minute later (retryBaseSeconds); a tick after that finishes the job.
    const second = await scheduler.tick(later(2));
    expect(second.ran.every((r) => r.ok)).toBe(true);
    const runs = await listRuns(store.sql, { limit: 100, job: 'sheet:console' });
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.every((r) => r.status === 'succeeded')).toBe(true);
    // One printed sheet per run: none lost, none twice.
    expect(printed).toHaveLength(runs.length);
    expect(await scheduler.tick(later(3))).toEqual({ ran: [], missed: 0 });
  });

  it('retries an alert scan killed mid-way, leaving every alert once', async () => {
    const scheduler = createScheduler({
      deps: { store, now: () => MORNING },
      publisher: createConsolePublisher(() => {}),
      jobs: [alertScanJob],
      log,
    });
    const alertsBefore = await count('alerts');
    // customers: read by the scan's queries, not by the tick's check of what is due.
    const first = await faults.killMidway(['customers'], () => scheduler.tick(MORNING));
    expect(first.ran).toEqual([expect.objectContaining({ job: 'alert-scan', ok: false })]);
    expect(await count('alerts')).toBe(alertsBefore); // the scan writes its alerts at the end, at once
    const second = await scheduler.tick(later(2));
    expect(second.ran).toEqual([expect.objectContaining({ job: 'alert-scan', ok: true, attempt: 2 })]);
    const created = await count('alerts');
    expect(created).toBeGreaterThan(alertsBefore);
    expect(await count('(SELECT DISTINCT fingerprint FROM alerts) f')).toBe(created);
    // A scan from scratch finds nothing left to add.
    expect((await scanAlerts({ store, now: () => MORNING }, { asOf: '2027-05-28' })).created).toEqual([]);
  });
});
