// `callsheet digest --now` end to end: the real Slack and Teams publishers over HTTP against the
// local fake Slack Web API and fake Bot Connector, the job ledger on the test database, and the
// real executable for the command line itself.
import { TZDate } from '@date-fns/tz';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildCallSheets } from '../../src/app/build-call-sheets.ts';
import type { ChatPublisher } from '../../src/app/publisher.ts';
import { SCHEDULE_SETTINGS } from '../../src/app/schedule-settings.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { boundTo } from '../../src/jobs/default-jobs.ts';
import { type DigestPost, postDigestNow } from '../../src/jobs/digest-now.ts';
import { listRuns } from '../../src/jobs/ledger.ts';
import { createScheduler } from '../../src/jobs/scheduler.ts';
import { sheetDigestJob } from '../../src/jobs/sheet-digest.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { openStore } from '../../src/store/open-store.ts';
import { writeSettings } from '../../src/store/settings.ts';
import type { SqlConn } from '../../src/store/sql.ts';
import { runCallsheet, storeEnv } from '../support/run-cli.ts';
import { createTestDatabase } from '../support/test-store.ts';
import { startFakeSlack } from './slack/fake-slack.ts';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from './slack/slack-requests.ts';
import { type SlackServer, startSlackServer, TEST_RETRY_POLICY } from './slack/slack-server.ts';
import { installed, post, teamsUser } from './teams/activities.ts';
import {
  DEMO_NOW,
  DEMO_TODAY,
  linkCollector,
  startTeamsHarness,
  type TeamsHarness,
} from './teams/harness.ts';

const log = createLogger('silent');
const ava = teamsUser(1);
let teams: TeamsHarness;
let slack: SlackServer;
let publishers: ChatPublisher[];
let clock = DEMO_NOW;
const deps = () => ({ store: teams.store, now: () => clock });
/** Advances the injected clock instead of waiting: simulated retries take no time. */
const sleep = async (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

const bindSlack = (conn: SqlConn, purpose: string, channel: string) =>
  conn.query(
    `INSERT INTO channel_bindings (platform, workspace_id, channel_id, purpose, actor, source)
     VALUES ('slack', 'T0CALLSHEET', $1, $2::"BindingPurpose", 'test', 'test')`,
    [channel, purpose],
  );

const schedule = (patch: Record<string, unknown>) =>
  writeSettings(teams.store.sql, SCHEDULE_SETTINGS, patch, { actor: 'test', source: 'cli' });

const outcomes = (posts: DigestPost[]) => posts.map((p) => `${p.recipient} ${p.platform} ${p.outcome}`);

beforeAll(async () => {
  teams = await startTeamsHarness({});
  await linkCollector(teams.store, 'ava', ava.aadObjectId);
  expect((await post(teams.url, installed(ava, { serviceUrl: teams.connector.url }))).status).toBe(200);
  slack = await startSlackServer(deps());
  await bindSlack(teams.store.sql, 'digests', 'C0DIGESTS');
  await bindSlack(teams.store.sql, 'team', 'C0TEAM');
  publishers = [slack.surface.publisher, teams.serving.surfaces[0]!.publisher!];
});
afterAll(async () => {
  await slack?.stop();
  await teams?.close();
});
beforeEach(async () => {
  clock = DEMO_NOW;
  slack.fake.reset();
  teams.connector.clear();
  await teams.store.sql.query(`DELETE FROM settings WHERE key = 'schedule'`);
});

describe('digest --now through Slack and Teams', () => {
  it('posts every sheet and the team summary on each surface, and says where', async () => {
    const posts = await postDigestNow({ deps: deps(), publishers, log });
    const collectors = await teams.store.sql.query<{ code: string }>(
      `SELECT code FROM collectors WHERE active AND role = 'collector' ORDER BY id`,
    );
    expect(posts.filter((p) => p.platform === 'slack').map((p) => p.recipient)).toEqual([
      ...collectors.map((c) => c.code),
      'team',
    ]);
    for (const p of posts.filter((x) => x.platform === 'slack')) {
      expect(p).toMatchObject({ outcome: 'posted', attempts: 1, asOf: DEMO_TODAY });
      expect(p.target).toBe(p.recipient === 'team' ? 'slack:C0TEAM' : 'slack:C0DIGESTS');
    }
    const channels = new Set(slack.fake.callsTo('chat.postMessage').map((c) => c.args.channel));
    expect(channels).toEqual(new Set(['C0DIGESTS', 'C0TEAM']));
    // Teams: Ava opened the app, so her sheet reaches her personal chat; the others have nowhere yet.
    const onTeams = posts.filter((p) => p.platform === 'teams');
    expect(onTeams.find((p) => p.recipient === 'ava')).toMatchObject({
      outcome: 'posted',
      target: `teams:a:1personal-${ava.id.slice(3)}`,
    });
    expect(
      onTeams.filter((p) => p.recipient !== 'ava' && p.recipient !== 'team').map((p) => p.outcome),
    ).toEqual(collectors.slice(1).map(() => 'nowhere'));
    expect(teams.connector.of('send').length).toBeGreaterThan(0);
  });

  it('records on-demand runs in the ledger without taking the scheduled digest’s key', async () => {
    await postDigestNow({ deps: deps(), publishers, log, collector: 'AVA', requestId: 'r1' });
    const runs = await listRuns(teams.store.sql, { limit: 100, job: 'sheet-now:slack' });
    expect(
      runs.find((r) => r.periodKey === `ava:${DEMO_TODAY}:now:${DEMO_NOW.toISOString()}:r1`),
    ).toMatchObject({
      status: 'succeeded',
      attempts: 1,
    });
    // The scheduled morning digest still posts at Ava's 08:00.
    const [{ zone } = { zone: 'UTC' }] = await teams.store.sql.query<{ zone: string }>(
      `SELECT time_zone AS zone FROM collectors WHERE code = 'ava'`,
    );
    const morning = new Date(new TZDate(2027, 4, 28, 8, 5, 0, zone).getTime());
    slack.fake.reset();
    const scheduled = createScheduler({
      deps: { ...deps(), now: () => morning },
      publisher: publishers[0]!,
      jobs: [boundTo(sheetDigestJob(buildCallSheets), publishers[0]!)],
      log,
    });
    const report = await scheduled.tick(morning);
    expect(report.ran).toContainEqual(
      expect.objectContaining({ job: 'sheet:slack', periodKey: `ava:${DEMO_TODAY}`, ok: true }),
    );
    expect(slack.fake.callsTo('chat.postMessage').length).toBeGreaterThan(0);
  });

  it('posts again when asked again: each request is its own run', async () => {
    const once = await postDigestNow({ deps: deps(), publishers: [publishers[0]!], log, collector: 'ava' });
    const twice = await postDigestNow({ deps: deps(), publishers: [publishers[0]!], log, collector: 'ava' });
    expect(outcomes([...once, ...twice])).toEqual(['ava slack posted', 'ava slack posted']);
    expect(slack.fake.callsTo('chat.postMessage')).toHaveLength(2 * (once[0]?.messages ?? 0));
  });

  it('retries a failed post with the scheduled digests’ backoff, without posting twice elsewhere', async () => {
    await schedule({ retryBaseSeconds: 30, maxAttempts: 3 });
    slack.fake.serverError('chat.postMessage', TEST_RETRY_POLICY.attempts); // the whole first attempt fails
    const waits: number[] = [];
    const posts = await postDigestNow({
      deps: deps(),
      publishers,
      log,
      collector: 'ava',
      sleep,
      onRetry: (ms, failed) => {
        waits.push(ms);
        expect(outcomes(failed)).toEqual(['ava slack failed']);
      },
    });
    // Retried after retryBaseSeconds (the ledger keeps whole seconds, so at most one more).
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(30_000);
    expect(waits[0]).toBeLessThanOrEqual(31_000);
    expect(outcomes(posts)).toEqual(['ava slack posted', 'ava teams posted']);
    expect(posts[0]?.attempts).toBe(2);
    expect(posts[1]?.attempts).toBe(1);
    const sheetCards = teams.connector.of('send').length;
    expect(sheetCards).toBeGreaterThan(0);
    expect(new Set(teams.connector.of('send').map((s) => s.conversationId)).size).toBe(1);
  });

  it('gives up after maxAttempts and reports the error', async () => {
    await schedule({ retryBaseSeconds: 1, maxAttempts: 2 });
    slack.fake.serverError('chat.postMessage', 100);
    const posts = await postDigestNow({
      deps: deps(),
      publishers: [publishers[0]!],
      log,
      collector: 'ava',
      sleep,
    });
    slack.fake.reset();
    expect(posts).toEqual([
      expect.objectContaining({ recipient: 'ava', platform: 'slack', outcome: 'failed', attempts: 2 }),
    ]);
    expect(posts[0]?.error).toMatch(/503/);
    const [failed] = await listRuns(teams.store.sql, { limit: 1, failedOnly: true });
    expect(failed).toMatchObject({ job: 'sheet-now:slack', status: 'failed', nextAttemptAt: null });
  });

  it('refuses an unknown collector with the list of known ones', async () => {
    await expect(postDigestNow({ deps: deps(), publishers, log, collector: 'nobody' })).rejects.toThrow(
      /no active collector "nobody" \(collectors: ava, /,
    );
  });
});

describe('callsheet digest --now (the command)', () => {
  const dbs: { drop(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const db of dbs) await db.drop();
  });

  async function demoDatabase() {
    const db = await createTestDatabase();
    dbs.push(db);
    const store = await openStore({ databaseUrl: db.url, dataDir: db.dataDir, migrations: 'check' });
    try {
      await loadDemo(store, { size: 'small', seed: 42, today: DEMO_TODAY });
      await bindSlack(store.sql, 'digests', 'C0DIGESTS');
    } finally {
      await store.close();
    }
    return db;
  }

  it('posts through Slack when it is configured, says where, and exits 1 when a post fails', async () => {
    const db = await demoDatabase();
    const fake = await startFakeSlack();
    try {
      const env = {
        ...storeEnv(db),
        SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_API_URL: fake.apiUrl,
      };
      const ok = await runCallsheet(['digest', '--now', '--collector', 'ava'], env);
      expect(ok.stderr).toBe('');
      expect(ok.stdout).toMatch(/^ava \(\d{4}-\d\d-\d\d\): posted on slack to slack:C0DIGESTS/m);
      expect(ok.code).toBe(0);
      expect(fake.callsTo('chat.postMessage').every((c) => c.args.channel === 'C0DIGESTS')).toBe(true);

      const store = await openStore({ databaseUrl: db.url, dataDir: db.dataDir, migrations: 'check' });
      await writeSettings(store.sql, SCHEDULE_SETTINGS, { maxAttempts: 1 }, { actor: 'test', source: 'cli' });
      await store.close();
      fake.serverError('chat.postMessage', 100);
      const failed = await runCallsheet(['digest', '--now', '--collector', 'ava'], env);
      expect(failed.stdout).toMatch(/^ava \(.+\): FAILED on slack after 1 attempt: .*503/m);
      expect(failed.code).toBe(1);
    } finally {
      await fake.close();
    }
  });

  it('prints the sheets when neither Slack nor Teams is configured', async () => {
    const db = await demoDatabase();
    const run = await runCallsheet(['digest', '--now', '--collector', 'ava'], storeEnv(db));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Ava .* \(ava\) — calls for /m);
    expect(run.stdout).not.toMatch(/posted on/);
  });
});
