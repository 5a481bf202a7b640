// Slash commands, buttons and modals over real signed HTTP into the Slack surface of `serve`, with
// the real command core on a real database (the demo company) and a fake Slack Web API.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadDemo } from '../../../src/demo/load-demo.ts';
import { openTestStore, type TestStore } from '../../support/test-store.ts';
import { messageViolations, modalViolations } from './block-kit-limits.ts';
import { blockAction, postToSlackEvents, slashCommand, viewSubmission } from './slack-requests.ts';
import { type SlackServer, startSlackServer, TEST_RETRY_POLICY } from './slack-server.ts';

const NOW = new Date('2027-05-28T14:00:00Z');
let store: TestStore;
let server: SlackServer;
let collector: { id: number; code: string };
let customer: { code: string; name: string };

// biome-ignore lint/suspicious/noExplicitAny: assertions walk Slack JSON of many shapes
type Json = Record<string, any>;

const interactions = async () =>
  store.sql.query<{ id: number; outcome: string; source: string; actor: string; note: string | null }>(
    'SELECT id, outcome::text AS outcome, source, actor, note FROM interactions WHERE source = $1 ORDER BY id',
    ['slack'],
  );

let responseSeq = 0;

/**
 * Posts a signed body and returns the answer: the ack's JSON when the core answered within the ack
 * budget, otherwise what was posted to the request's response_url. Tests never depend on which.
 */
async function answerTo(body: string, responseId: string, retryNum?: number) {
  const res = await postToSlackEvents(server.url, body, retryNum === undefined ? {} : { retryNum });
  const raw = await res.text();
  if (raw) return { status: res.status, body: JSON.parse(raw) as Json };
  await server.fake.arrivalOf(responseId);
  const posted = server.fake.responses.find((r) => r.id === responseId)!;
  return { status: res.status, body: posted.body as Json };
}

async function command(text: string, extra: Partial<Parameters<typeof slashCommand>[0]> = {}) {
  const responseId = `cmd${++responseSeq}`;
  const body = slashCommand({
    command: '/logcall',
    text,
    user_id: 'U0JANE',
    response_url: server.fake.responseUrl(responseId),
    ...extra,
  });
  return answerTo(body, responseId);
}

beforeAll(async () => {
  store = await openTestStore();
  await loadDemo(store, { size: 'small', seed: 42, today: '2027-05-28' });
  const [c] = await store.sql.query<{ id: number; code: string }>(
    `SELECT id, code FROM collectors WHERE role = 'collector' ORDER BY id LIMIT 1`,
  );
  collector = c!;
  await store.sql.query(`UPDATE collectors SET slack_user_id = 'U0JANE' WHERE id = $1`, [collector.id]);
  await store.sql.query(`UPDATE collectors SET slack_user_id = 'U0MORGAN' WHERE role = 'manager'`);
  const [cust] = await store.sql.query<{ code: string; name: string }>(
    `SELECT code, name FROM customers WHERE collector_id = $1 ORDER BY id LIMIT 1`,
    [collector.id],
  );
  customer = cust!;
  server = await startSlackServer(
    { store, now: () => NOW },
    {},
    { retryPolicy: TEST_RETRY_POLICY, ackBudgetMs: 2500 },
  );
});
afterAll(async () => {
  await server?.stop();
  await store?.close();
});
beforeEach(() => server.fake.reset());

describe('/logcall', () => {
  it('records the call, answers in the ack, ephemeral, in words, with an Undo button', async () => {
    const before = (await interactions()).length;
    const res = await command(`${customer.code} no answer`);
    expect(res.status).toBe(200);
    expect(res.body.response_type).toBe('ephemeral');
    expect(messageViolations(res.body)).toEqual([]);
    expect(res.body.text).toMatch(/No answer from/);
    const undo = res.body.blocks
      .flatMap((b: Json) => b.elements ?? [])
      .find((e: Json) => e.action_id === 'callsheet_undo');
    expect(undo?.value).toBeTruthy();
    const rows = await interactions();
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({ outcome: 'no_answer', source: 'slack', actor: collector.code });
  });

  it('records once when Slack retries the same request', async () => {
    const body = slashCommand({
      command: '/logcall',
      text: `${customer.code} vm`,
      user_id: 'U0JANE',
      response_url: server.fake.responseUrl('retry'),
    });
    const before = (await interactions()).length;
    const replies = [
      await answerTo(body, 'retry'),
      await answerTo(body, 'retry', 1),
      await answerTo(body, 'retry', 2),
    ];
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(new Set(replies.map((r) => r.body.text)).size).toBe(1);
    expect(await interactions()).toHaveLength(before + 1);
  });

  it('undoes from the Undo button and replaces the reply', async () => {
    const res = await command(`${customer.code} note asked for a statement`);
    const token = res.body.blocks
      .flatMap((b: Json) => b.elements ?? [])
      .find((e: Json) => e.action_id === 'callsheet_undo').value as string;
    const click = blockAction({
      action_id: 'callsheet_undo',
      value: token,
      response_url: server.fake.responseUrl('undo'),
    });
    expect((await postToSlackEvents(server.url, click)).status).toBe(200);
    await server.fake.waitFor('response_url');
    const [response] = server.fake.responses;
    expect(response?.id).toBe('undo');
    expect(response?.body.replace_original).toBe(true);
    expect(messageViolations(response!.body)).toEqual([]);
    expect((await interactions()).at(-1)?.outcome).toBe('undo');
  });

  it('tells an unknown Slack user to ask their manager, and records nothing', async () => {
    const before = (await interactions()).length;
    const res = await command(`${customer.code} no answer`, { user_id: 'U0STRANGER' });
    expect(res.body.text).toMatch(/not linked/);
    expect(JSON.stringify(res.body.blocks)).toMatch(/manager/);
    expect(await interactions()).toHaveLength(before);
  });

  it('never throws on hostile text and escapes it in the reply', async () => {
    const res = await command('<!channel> *ACME* <https://evil.example|x> promised');
    expect(res.status).toBe(200);
    expect(messageViolations(res.body)).toEqual([]);
    expect(JSON.stringify(res.body)).not.toMatch(/<!channel>/);
  });

  it('matches a customer name with & as typed (Slack sends it as &amp;)', async () => {
    const [c] = await store.sql.query<{ id: number }>(
      `UPDATE customers SET name = 'Smith & Sons Hardware' WHERE code = $1 RETURNING id`,
      [customer.code],
    );
    try {
      const res = await command('"Smith &amp; Sons Hardware" no answer');
      expect(res.body.text).toMatch(/No answer from Smith &amp; Sons Hardware/); // escaped again for mrkdwn
      const [last] = await store.sql.query<{ customer_id: number }>(
        `SELECT customer_id FROM interactions WHERE source = 'slack' ORDER BY id DESC LIMIT 1`,
      );
      expect(last?.customer_id).toBe(c!.id);
    } finally {
      await store.sql.query('UPDATE customers SET name = $1 WHERE code = $2', [customer.name, customer.code]);
    }
  });
});

describe('a slow answer', () => {
  it('is acked at once and delivered through response_url', async () => {
    const slow = await startSlackServer(
      { store, now: () => NOW },
      {},
      { retryPolicy: TEST_RETRY_POLICY, ackBudgetMs: 0 },
    );
    try {
      const body = slashCommand({
        command: '/logcall',
        text: `${customer.code} callback tomorrow`,
        user_id: 'U0JANE',
        response_url: slow.fake.responseUrl('later'),
      });
      const res = await postToSlackEvents(slow.url, body);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('');
      await slow.fake.arrivalOf('later');
      const [posted] = slow.fake.responses;
      expect(posted?.body).toMatchObject({ response_type: 'ephemeral' });
      expect(messageViolations(posted!.body)).toEqual([]);
    } finally {
      await slow.stop();
    }
  });
});

describe('/calls, /account, /promises, /callsheet', () => {
  it.each([
    ['/calls', ''],
    ['/account', 'CUSTOMER'],
    ['/promises', ''],
    ['/callsheet', 'help'],
  ])('%s answers within Block Kit limits', async (name, text) => {
    const res = await command(text === 'CUSTOMER' ? customer.code : text, { command: name });
    expect(res.status).toBe(200);
    expect(messageViolations(res.body)).toEqual([]);
  });

  it('/callsheet help lists the managers’ commands too', async () => {
    const res = await command('help', { command: '/callsheet' });
    expect(JSON.stringify(res.body)).toMatch(/bind digests/);
  });

  it('/callsheet sheet shows today’s sheet with row buttons', async () => {
    const res = await command('sheet', { command: '/callsheet' });
    expect(res.body.blocks[0]).toMatchObject({ type: 'header' });
    expect(messageViolations(res.body)).toEqual([]);
    expect(JSON.stringify(res.body)).toMatch(/row_promised/);
  });

  it('/callsheet settings: managers change and reset a setting; collectors may not', async () => {
    const refused = await command('settings set policy.lateness.lateDays 45', { command: '/callsheet' });
    expect(refused.body.text).toMatch(/Only managers can/);
    const manager = { command: '/callsheet', user_id: 'U0MORGAN' };
    const bad = await command('settings set policy.lateness.lateDays 500', manager);
    expect(bad.body.text).toMatch(/invalid policy settings/);
    const set = await command('settings set policy.lateness.lateDays 45', manager);
    expect(set.body.text).toMatch(/policy.lateness.lateDays is now 45 \(default 30\)/);
    const list = await command('settings', manager);
    expect(messageViolations(list.body)).toEqual([]);
    expect(JSON.stringify(list.body)).toMatch(/policy.lateness.lateDays/);
    const [row] = await store.sql.query<{ actor: string; source: string }>(
      `SELECT actor, source FROM settings WHERE key = 'policy'`,
    );
    expect(row).toEqual({ actor: 'morgan', source: 'slack' });
    const reset = await command('settings reset policy.lateness.lateDays', manager);
    expect(reset.body.text).toMatch(/policy.lateness.lateDays is now 30 \(the default\)/);
  });

  it('/callsheet bind records the channel for a manager, once however often it is run', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await command('bind digests <#C0DIGESTS|digests>', {
        command: '/callsheet',
        user_id: 'U0MORGAN',
      });
      expect(res.body.text).toMatch(/Bound: digests will post in #digests/);
    }
    const rows = await store.sql.query(
      `SELECT channel_id, purpose::text AS purpose, actor, source FROM channel_bindings`,
    );
    expect(rows).toEqual([{ channel_id: 'C0DIGESTS', purpose: 'digests', actor: 'morgan', source: 'slack' }]);
  });

  it('/callsheet bind digests #channel @user sends that collector’s sheets to the channel', async () => {
    const res = await command('bind digests <#C0JANECALLS|jane-calls> <@U0JANE|jane>', {
      command: '/callsheet',
      user_id: 'U0MORGAN',
    });
    expect(res.body.text).toMatch(/'s digests will post in #jane-calls/);
    const rows = await store.sql.query(
      'SELECT channel_id, collector_id FROM channel_bindings WHERE collector_id IS NOT NULL',
    );
    expect(rows).toEqual([{ channel_id: 'C0JANECALLS', collector_id: collector.id }]);
  });
});

/** A Promised… modal submitted with these values. */
function promiseSubmission(amount: string, date: string, extra: { view_id?: string; note?: string } = {}) {
  return viewSubmission({
    callback_id: 'log_outcome',
    ...(extra.view_id ? { view_id: extra.view_id } : {}),
    private_metadata: JSON.stringify({
      kind: 'promised',
      customerCode: customer.code,
      customerName: customer.name,
      channelId: 'D0JANE',
    }),
    values: {
      amount: { value: { type: 'plain_text_input', value: amount } },
      date: { value: { type: 'datepicker', selected_date: date } },
      ...(extra.note ? { note: { value: { type: 'plain_text_input', value: extra.note } } } : {}),
    },
  });
}

describe('sheet row buttons and modals', () => {
  const row = () => ({ c: customer.code, n: customer.name, o: 123_450, i: ['INV-1'], d: '2027-05-28' });

  it('records No answer at once and answers ephemerally', async () => {
    const before = (await interactions()).length;
    const click = blockAction({
      action_id: 'row_no_answer',
      value: JSON.stringify(row()),
      response_url: server.fake.responseUrl('na'),
    });
    expect((await postToSlackEvents(server.url, click)).status).toBe(200);
    await server.fake.waitFor('response_url');
    expect(server.fake.responses[0]?.body).toMatchObject({
      response_type: 'ephemeral',
      replace_original: false,
    });
    expect((await interactions()).length).toBe(before + 1);
  });

  it('opens a Promised… modal prefilled from the row', async () => {
    const click = blockAction({
      action_id: 'row_promised',
      value: JSON.stringify(row()),
      response_url: server.fake.responseUrl('p'),
    });
    expect((await postToSlackEvents(server.url, click)).status).toBe(200);
    await server.fake.waitFor('views.open');
    const view = server.fake.callsTo('views.open')[0]!.args.view as Json;
    expect(modalViolations(view)).toEqual([]);
    const amount = view.blocks.find((b: Json) => b.block_id === 'amount');
    expect(amount.element.initial_value).toBe('1234.50');
    expect(JSON.parse(view.private_metadata)).toMatchObject({
      kind: 'promised',
      customerCode: customer.code,
      channelId: 'D0JANE',
    });
  });

  it('records a submitted promise through the core, once even if submitted twice', async () => {
    const submit = promiseSubmission('1,500.00', '2027-06-04', {
      view_id: 'V0PROMISE',
      note: 'wire on Friday',
    });
    const promisesBefore = await store.sql.query('SELECT id FROM promises');
    const first = await postToSlackEvents(server.url, submit);
    expect(first.status).toBe(200);
    expect(await first.text()).toBe('');
    await server.fake.waitFor('chat.postEphemeral');
    const posted = server.fake.callsTo('chat.postEphemeral')[0]!.args;
    expect(posted).toMatchObject({ channel: 'D0JANE', user: 'U0JANE' });
    expect(String(posted.text)).toMatch(/promised \$1,500\.00/);
    expect((await postToSlackEvents(server.url, submit, { retryNum: 1 })).status).toBe(200);
    const promises = await store.sql.query<{ amount: string; due: string }>(
      'SELECT amount::text AS amount, due_on::text AS due FROM promises ORDER BY id',
    );
    expect(promises.length).toBe(promisesBefore.length + 1);
    expect(promises.at(-1)).toEqual({ amount: '1500.00', due: '2027-06-04' });
  });

  it('keeps the modal open with the field to fix', async () => {
    const res = await postToSlackEvents(server.url, promiseSubmission('lots', '2027-06-04'));
    expect(await res.json()).toEqual({
      response_action: 'errors',
      errors: { amount: 'Enter an amount like 5000 or 5,000.00' },
    });
  });

  it('shows the core’s objection in the modal (a promise dated in the past)', async () => {
    const res = (await (
      await postToSlackEvents(server.url, promiseSubmission('100', '2027-05-01'))
    ).json()) as Json;
    expect(res.response_action).toBe('errors');
    expect(res.errors.note).toBeTruthy();
  });
});

describe('alert buttons', () => {
  it.each([
    ['alert_acknowledge', 'acknowledged', /Acknowledged by morgan/],
    ['alert_snooze', 'snoozed', /Snoozed until 2027-06-04/],
  ])('%s updates the alert and its message in place', async (actionId, status, shown) => {
    const [alert] = await store.sql.query<{ id: number }>(
      `INSERT INTO alerts (kind, fingerprint, severity, message, payload)
       VALUES ('credit_limit', $1, 'warning', 'Open AR plus the new order exceeds the limit by $4,000.00.',
               $2::jsonb) RETURNING id`,
      [
        `slack-e2e-${actionId}`,
        JSON.stringify({
          title: 'Credit limit exceeded',
          suggestedAction: 'Hold the order or call',
          numbers: {},
          sparkline: '',
        }),
      ],
    );
    const click = blockAction({
      action_id: actionId,
      value: String(alert!.id),
      user_id: 'U0MORGAN',
      channel_id: 'C0ALERTS',
      message_ts: '1800000042.000100',
      response_url: server.fake.responseUrl(actionId),
    });
    expect((await postToSlackEvents(server.url, click)).status).toBe(200);
    await server.fake.waitFor('chat.update');
    const update = server.fake.callsTo('chat.update')[0]!.args;
    expect(update).toMatchObject({ channel: 'C0ALERTS', ts: '1800000042.000100' });
    expect(messageViolations(update)).toEqual([]);
    expect(JSON.stringify(update.blocks)).toMatch(shown);
    expect(JSON.stringify(update.blocks)).not.toMatch(/alert_acknowledge/);
    const [row] = await store.sql.query<{ status: string }>(
      'SELECT status::text AS status FROM alerts WHERE id = $1',
      [alert!.id],
    );
    expect(row?.status).toBe(status);
  });

  it('refuses an unlinked user and changes nothing', async () => {
    const click = blockAction({
      action_id: 'alert_acknowledge',
      value: '999999',
      user_id: 'U0STRANGER',
      response_url: server.fake.responseUrl('stranger'),
    });
    await postToSlackEvents(server.url, click);
    await server.fake.arrivalOf('stranger');
    expect(JSON.stringify(server.fake.responses[0]?.body)).toMatch(/not linked/);
    expect(server.fake.callsTo('chat.update')).toEqual([]);
  });
});

describe('morning digests from the real engine', () => {
  it('posts every collector’s sheet within Block Kit limits', async () => {
    const { buildCallSheets } = await import('../../../src/app/build-call-sheets.ts');
    const set = await buildCallSheets({ store, now: () => NOW }, { asOf: '2027-05-28' });
    expect(set.sheets.length).toBeGreaterThan(0);
    for (const sheet of set.sheets) await server.surface.publisher.postSheet(sheet);
    await server.surface.publisher.postSummary(set.summary);
    const posts = server.fake.callsTo('chat.postMessage');
    expect(posts.length).toBeGreaterThanOrEqual(
      set.sheets.filter((s) => s.collector.id === collector.id).length,
    );
    for (const p of posts) expect(messageViolations(p.args)).toEqual([]);
    expect(posts.some((p) => p.args.channel === 'C0JANECALLS')).toBe(true);
  });
});
