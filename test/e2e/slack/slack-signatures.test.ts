import { verifySlackRequest } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore } from '../../support/test-store.ts';
import {
  blockAction,
  postToSlackEvents,
  slackSignature,
  slashCommand,
  TEST_SIGNING_SECRET,
  viewSubmission,
} from './slack-requests.ts';
import { type SlackServer, startSlackServer } from './slack-server.ts';

let store: TestStore;
let server: SlackServer;

const counts = async () =>
  (
    await store.sql.query<{ interactions: number; bindings: number; audit: number }>(
      `SELECT (SELECT count(*)::int FROM interactions) AS interactions,
              (SELECT count(*)::int FROM channel_bindings) AS bindings,
              (SELECT count(*)::int FROM audit_events) AS audit`,
    )
  )[0];

beforeAll(async () => {
  store = await openTestStore();
  await store.sql.query(
    `INSERT INTO collectors (code, name, slack_user_id, role) VALUES ('morgan', 'Morgan Reyes', 'U0MORGAN', 'manager')`,
  );
  server = await startSlackServer({ store, now: () => new Date() });
});
afterAll(async () => {
  await server?.stop();
  await store?.close();
});

describe('Slack request signatures', () => {
  it('computes Slack’s published v0 example signature', () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    const signature = slackSignature('8f742231b10e8888abcd99yyyzzz85a5', 1531420618, body);
    expect(signature).toBe('v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503');
    expect(() =>
      verifySlackRequest({
        signingSecret: '8f742231b10e8888abcd99yyyzzz85a5',
        body,
        headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': 1531420618 },
        nowMilliseconds: 1531420618 * 1000 + 1000,
      }),
    ).not.toThrow();
  });

  const bind = () =>
    slashCommand({
      command: '/callsheet',
      text: 'bind alerts <#C0ALERTS|alerts>',
      user_id: 'U0MORGAN',
      response_url: server.fake.responseUrl('bind'),
    });

  it.each([
    ['a forged signature', { signature: `v0=${'0'.repeat(64)}` }],
    ['a signature made with another secret', { secret: 'ffffffffffffffffffffffffffffffff' }],
    ['no signature', { signature: null }],
    ['a timestamp 6 minutes old', { timestamp: Math.floor(Date.now() / 1000) - 360 }],
    ['a validly signed timestamp 10 minutes ahead', { timestamp: Math.floor(Date.now() / 1000) + 600 }],
    ['a validly signed timestamp a year ahead', { timestamp: Math.floor(Date.now() / 1000) + 365 * 86_400 }],
  ])('answers 401 to %s and changes nothing', async (_name, options) => {
    const before = await counts();
    const res = await postToSlackEvents(server.url, bind(), options);
    expect(res.status).toBe(401);
    expect(await counts()).toEqual(before);
    expect(server.fake.responses).toEqual([]);
  });

  it('answers 401 when the body was changed after signing', async () => {
    const body = bind();
    const ts = Math.floor(Date.now() / 1000);
    const res = await fetch(`${server.url}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': slackSignature(TEST_SIGNING_SECRET, ts, body),
      },
      body: body.replace('C0ALERTS', 'C0EVIL00'),
    });
    expect(res.status).toBe(401);
    expect((await counts())?.bindings).toBe(0);
  });

  it.each([
    [
      'a button click',
      () =>
        blockAction({
          action_id: 'row_no_answer',
          value: '{"c":"ACME"}',
          response_url: server.fake.responseUrl('x'),
        }),
    ],
    [
      'a modal submission',
      () =>
        viewSubmission({
          callback_id: 'log_outcome',
          private_metadata: JSON.stringify({ kind: 'note', customerCode: 'ACME', customerName: 'Acme' }),
          values: { note: { value: { type: 'plain_text_input', value: 'forged' } } },
        }),
    ],
  ])('rejects a forged %s, with no effect', async (_kind, build) => {
    const before = await counts();
    expect((await postToSlackEvents(server.url, build(), { signature: 'v0=bad' })).status).toBe(401);
    expect(await counts()).toEqual(before);
    expect(server.fake.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
  });

  it('accepts the same request correctly signed, and keeps /healthz', async () => {
    const res = await postToSlackEvents(server.url, bind());
    expect(res.status).toBe(200);
    await expect.poll(async () => (await counts())?.bindings).toBe(1);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it.each(['GET', 'PUT', 'DELETE'])(
    'answers 405 to %s /slack/events, and logs none of its headers',
    async (method) => {
      const res = await fetch(`${server.url}/slack/events`, {
        method,
        headers: { authorization: 'Bearer s3cret-bearer', cookie: 'session=s3cret-cookie' },
      });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('POST');
      expect(server.logs()).not.toMatch(/s3cret|cookie/i);
    },
  );

  it('never logs the signature or the token', () => {
    expect(server.logs()).not.toContain(TEST_SIGNING_SECRET);
    expect(server.logs()).not.toContain('xoxb-');
  });
});
