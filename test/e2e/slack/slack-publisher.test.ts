import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SlackCallError } from '../../../src/adapters/slack/slack-caller.ts';
import { openTestStore, type TestStore } from '../../support/test-store.ts';
import { alertView, callSheet, managerSummary } from '../../unit/views/slack/fixtures.ts';
import { messageViolations } from './block-kit-limits.ts';
import { type SlackServer, startSlackServer, TEST_RETRY_POLICY } from './slack-server.ts';

let store: TestStore;
let server: SlackServer;
let jane: number;
let li: number;

beforeAll(async () => {
  store = await openTestStore();
  const rows = await store.sql.query<{ id: number }>(
    `INSERT INTO collectors (code, name, slack_user_id) VALUES ('jane', 'Jane Doe', 'U0JANE'), ('li', 'Li Wei', NULL)
     RETURNING id`,
  );
  jane = rows[0]!.id;
  li = rows[1]!.id;
  server = await startSlackServer({ store, now: () => new Date() });
});
afterAll(async () => {
  await server?.stop();
  await store?.close();
});
beforeEach(() => server.fake.reset());

const sheetOf = (id: number, code: string, rows: number) =>
  callSheet(rows, { collector: { id, code, name: code, timeZone: 'America/New_York', dailyCapacity: 30 } });

const bind = (purpose: string, channel: string, collectorId: number | null = null) =>
  store.sql.query(
    `INSERT INTO channel_bindings (platform, workspace_id, channel_id, purpose, collector_id, actor, source)
     VALUES ('slack', 'T0CALLSHEET', $1, $2::"BindingPurpose", $3, 'test', 'test')`,
    [channel, purpose, collectorId],
  );

describe('Slack publisher', () => {
  it('posts a collector’s sheet to their DM, opened by Slack user id', async () => {
    const result = await server.surface.publisher.postSheet(sheetOf(jane, 'jane', 3));
    expect(server.fake.callsTo('conversations.open')[0]?.args).toMatchObject({ users: 'U0JANE' });
    const [post] = server.fake.callsTo('chat.postMessage');
    expect(post?.args.channel).toBe('D0JANE');
    expect(post?.token).toBe('xoxb-0000-test-token');
    expect(messageViolations(post!.args)).toEqual([]);
    expect(result).toMatchObject({ delivered: true, target: 'slack:D0JANE' });
    expect(result.messageIds).toHaveLength(1);
  });

  it('reports not delivered when a collector has no Slack id and no digests channel is bound', async () => {
    expect(await server.surface.publisher.postSheet(sheetOf(li, 'li', 2))).toEqual({ delivered: false });
    expect(server.fake.callsTo('chat.postMessage')).toEqual([]);
  });

  it('splits a long sheet into paced messages, each within Block Kit limits', async () => {
    await bind('digests', 'C0DIGESTS');
    const started = Date.now();
    const result = await server.surface.publisher.postSheet(sheetOf(li, 'li', 60));
    const posts = server.fake.callsTo('chat.postMessage');
    expect(posts.length).toBeGreaterThan(2);
    expect(posts.every((p) => p.args.channel === 'C0DIGESTS')).toBe(true);
    for (const p of posts) expect(messageViolations(p.args)).toEqual([]);
    // Paced: the last post cannot leave before (n − 1) intervals have passed.
    expect(posts.at(-1)!.at - started).toBeGreaterThanOrEqual(
      (posts.length - 1) * TEST_RETRY_POLICY.channelIntervalMs,
    );
    expect(result.messageIds).toHaveLength(posts.length);
  });

  it('prefers a channel bound for the collector over their DM', async () => {
    await bind('digests', 'C0JANEONLY', jane);
    await server.surface.publisher.postSheet(sheetOf(jane, 'jane', 1));
    expect(server.fake.callsTo('chat.postMessage')[0]?.args.channel).toBe('C0JANEONLY');
  });

  it('waits for Retry-After on 429 and then posts once', async () => {
    await bind('alerts', 'C0ALERTS');
    server.fake.rateLimited('chat.postMessage', 1);
    const result = await server.surface.publisher.postAlert(alertView());
    const posts = server.fake.callsTo('chat.postMessage');
    expect(posts).toHaveLength(2);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(950);
    expect(result).toMatchObject({ delivered: true, target: 'slack:C0ALERTS' });
  });

  it('counts the alerts not posted one by one in one message to the alerts channel', async () => {
    // The alerts channel bound by the test before.
    const result = await server.surface.publisher.postAlertRollup({
      scannedAt: '2027-05-28T13:00:00.000Z',
      kinds: [
        { kind: 'credit_limit', count: 3100 },
        { kind: 'slowing_payments', count: 1503 },
      ],
      total: 4603,
    });
    const [post] = server.fake.callsTo('chat.postMessage');
    expect(post?.args.channel).toBe('C0ALERTS');
    expect(post?.args.text).toBe(
      '…and 4,603 more new alerts from this scan, not posted one by one: 3,100 credit limit, ' +
        '1,503 slowing payments. `callsheet alerts` lists every open alert.',
    );
    expect(messageViolations(post!.args)).toEqual([]);
    expect(result).toMatchObject({ delivered: true, target: 'slack:C0ALERTS' });
  });

  it('retries 5xx with backoff and succeeds', async () => {
    server.fake.serverError('chat.postMessage', 2);
    const result = await server.surface.publisher.postAlert(alertView());
    expect(server.fake.callsTo('chat.postMessage')).toHaveLength(3);
    expect(result.delivered).toBe(true);
  });

  it('gives up after a bounded number of 5xx and throws, so the job ledger keeps the post', async () => {
    server.fake.serverError('chat.postMessage', 10);
    await expect(server.surface.publisher.postAlert(alertView())).rejects.toThrow(SlackCallError);
    expect(server.fake.callsTo('chat.postMessage')).toHaveLength(TEST_RETRY_POLICY.attempts);
    expect(server.logs()).toMatch(/HTTP 503/);
  });

  it('posts the manager summary to the team channel', async () => {
    await bind('team', 'C0TEAM');
    const result = await server.surface.publisher.postSummary(managerSummary());
    const [post] = server.fake.callsTo('chat.postMessage');
    expect(post?.args.channel).toBe('C0TEAM');
    expect(messageViolations(post!.args)).toEqual([]);
    expect(result.delivered).toBe(true);
  });
});
