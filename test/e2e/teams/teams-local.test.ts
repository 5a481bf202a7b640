import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildCallSheets } from '../../../src/app/build-call-sheets.ts';
import { listAlerts } from '../../../src/app/list-alerts.ts';
import { scanAlerts } from '../../../src/app/scan-alerts.ts';
import { callSheet, sheetRow } from '../../fixtures/teams/view-models.ts';
import {
  execute,
  installationUpdate,
  installed,
  message,
  post,
  submit,
  TENANT,
  teamsUser,
} from './activities.ts';
import { linkCollector, startTeamsHarness, type TeamsHarness } from './harness.ts';

const ava = teamsUser(1);
const morgan = teamsUser(3);
const stranger = teamsUser(9);
let h: TeamsHarness;
let where: { serviceUrl: string };

// biome-ignore lint/suspicious/noExplicitAny: card JSON as the fake connector recorded it
const cardOf = (call: { body: any } | undefined) => call?.body.attachments[0].content;
const publisher = () => h.serving.surfaces[0]!.publisher!;
const interactions = (customerCode: string) =>
  h.store.prisma.interaction.findMany({
    where: { customer: { code: customerCode } },
    orderBy: { id: 'asc' },
  });

beforeAll(async () => {
  h = await startTeamsHarness({});
  where = { serviceUrl: h.connector.url };
  await linkCollector(h.store, 'ava', ava.aadObjectId);
  await linkCollector(h.store, 'morgan', morgan.aadObjectId);
});
afterAll(async () => h?.close());
beforeEach(() => h.connector.clear());

describe('Teams surface over HTTP (local mode, real command core)', () => {
  it('stores the personal conversation on install and says hello', async () => {
    expect((await post(h.url, installed(ava, where))).status).toBe(200);
    const binding = await h.store.prisma.channelBinding.findFirst({
      where: { platform: 'teams', purpose: 'dm', collector: { code: 'ava' } },
    });
    expect(binding?.workspaceId).toBe(TENANT);
    expect((binding?.conversationRef as { serviceUrl?: string } | undefined)?.serviceUrl).toBe(
      h.connector.url,
    );
    expect(JSON.stringify(h.connector.calls[0]?.body)).toContain('your call sheet will arrive here');
  });

  it('records a typed logcall once, even when Teams retries the activity', async () => {
    const activity = message(ava, 'logcall ACME promised 5k by 6/2', where);
    expect((await post(h.url, activity)).status).toBe(200);
    expect((await post(h.url, activity)).status).toBe(200);
    const rows = await interactions('ACME');
    const promised = rows.filter((r) => r.outcome === 'promised');
    expect(promised).toHaveLength(1);
    expect(promised[0]).toMatchObject({
      source: 'teams',
      idempotencyKey: `teams:${activity.conversation.id}:${activity.id}`,
    });
    const replies = h.connector.of('reply');
    if (replies.length !== 2)
      console.log(
        JSON.stringify(
          h.connector.calls.map((c) => [c.kind, c.path, c.body?.attachments?.[0]?.content?.body?.[0]]),
        ),
      );
    expect(replies).toHaveLength(2);
    const card = cardOf(replies[0]);
    expect(card.version).toBe('1.5');
    expect(card.body[0].items[0].text).toMatch(/ACME/);
    expect(card.actions).toContainEqual(
      expect.objectContaining({
        type: 'Action.Submit',
        title: 'Undo',
        data: { verb: 'cs.undo', token: String(promised[0]!.id) },
      }),
    );
    expect(cardOf(replies[1])).toEqual(card);
  });

  it('undoes from the Undo button by appending a correcting record', async () => {
    const [promised] = (await interactions('ACME')).filter((r) => r.outcome === 'promised');
    await post(
      h.url,
      submit(ava, { verb: 'cs.undo', token: String(promised!.id) }, { ...where, replyToId: 'reply-1' }),
    );
    const undo = (await interactions('ACME')).filter((r) => r.outcome === 'undo');
    expect(undo).toHaveLength(1);
    expect(undo[0]?.correctsId).toBe(promised!.id);
    expect(JSON.stringify(h.connector.calls[0]?.body)).toMatch(/[Uu]ndone|[Uu]ndid|[Rr]eversed|[Cc]ancelled/);
  });

  it('strips the @mention in a channel and answers there, binding nothing by itself', async () => {
    const activity = message(ava, 'account ACME', {
      ...where,
      scope: 'channel',
      conversationId: '19:general@thread.tacv2;messageid=1700',
    });
    expect((await post(h.url, activity)).status).toBe(200);
    expect(JSON.stringify(cardOf(h.connector.of('reply')[0]))).toContain('ACME');
    // A channel receives posts only once a manager binds it (`bind alerts`), as on Slack.
    const bindings = await h.store.prisma.channelBinding.count({
      where: { channelId: '19:general@thread.tacv2' },
    });
    expect(bindings).toBe(0);
  });

  it('answers an unknown Teams user clearly and records nothing', async () => {
    const before = await h.store.prisma.interaction.count();
    expect((await post(h.url, message(stranger, 'logcall ACME no answer', where))).status).toBe(200);
    expect(await h.store.prisma.interaction.count()).toBe(before);
    const text = JSON.stringify(h.connector.of('reply')[0]?.body);
    expect(text).toContain('not linked to a collector yet');
    expect(text).toContain(stranger.aadObjectId);
  });

  it('links a collector by e-mail on first contact', async () => {
    const hiro = teamsUser(2);
    const email = (await h.store.prisma.collector.findUniqueOrThrow({ where: { code: 'hiro' } })).email!;
    h.connector.members.set(hiro.id, { id: hiro.id, email: email.toUpperCase() });
    expect((await post(h.url, message(hiro, 'help', where))).status).toBe(200);
    const linked = await h.store.prisma.collector.findUniqueOrThrow({ where: { code: 'hiro' } });
    expect(linked.teamsUserId).toBe(hiro.aadObjectId);
  });

  it('shows `calls` as the sheet with row buttons', async () => {
    await post(h.url, message(ava, 'calls', where));
    const cards = h.connector.of('reply').map(cardOf);
    expect(cards.length).toBeGreaterThanOrEqual(1);
    expect(cards[0].body[0].text).toContain('Call sheet');
    expect(JSON.stringify(cards)).toContain('"verb":"cs.row"');
  });

  it('opens the log form from a sheet row, prefilled', async () => {
    const value = {
      verb: 'cs.row',
      customer: 'ACME',
      name: 'ACME Corp',
      overdueCents: 500_000,
      invoices: ['INV-1'],
    };
    await post(h.url, submit(ava, value, { ...where, replyToId: 'sheet-1' }));
    const form = cardOf(h.connector.of('reply')[0]);
    expect(form.body.find((e: { id?: string }) => e.id === 'amount')).toMatchObject({ value: '5000.00' });
    expect(form.actions[0]).toMatchObject({ data: { verb: 'cs.log', customer: 'ACME' } });
  });

  it('records a promise from the form’s Action.Submit, once, and turns the form into the confirmation', async () => {
    const value = {
      verb: 'cs.log',
      customer: 'ACME',
      outcome: 'promised',
      amount: '5,000.00',
      date: '2027-06-04',
      invoice: '',
      note: 'cheque run on Fridays <b>really</b>',
    };
    const before = await h.store.prisma.promiseToPay.count({ where: { customer: { code: 'ACME' } } });
    await post(h.url, submit(ava, value, { ...where, replyToId: 'form-1' }));
    await post(h.url, submit(ava, value, { ...where, replyToId: 'form-1' })); // pressed twice
    const promises = await h.store.prisma.promiseToPay.findMany({
      where: { customer: { code: 'ACME' } },
      orderBy: { id: 'asc' },
    });
    expect(promises).toHaveLength(before + 1);
    const promise = promises.at(-1)!;
    expect(promise.amount.toString()).toBe('5000');
    expect(promise.dueOn.toISOString().slice(0, 10)).toBe('2027-06-04');
    expect(promise).toMatchObject({ status: 'open', source: 'teams' });
    const note = await h.store.prisma.interaction.findUniqueOrThrow({ where: { id: promise.interactionId } });
    expect(note.note).toContain('cheque run on Fridays <b>really</b>');
    const updates = h.connector.of('update');
    expect(updates.map((u) => u.activityId)).toEqual(['form-1', 'form-1']);
    expect(JSON.stringify(cardOf(updates[0]))).toContain('ACME');
    expect(JSON.stringify(cardOf(updates[0]))).not.toContain('<b>');
  });

  it('posts a collector’s digest proactively to their stored personal conversation', async () => {
    const collector = await h.store.prisma.collector.findUniqueOrThrow({ where: { code: 'ava' } });
    const { sheets } = await buildCallSheets(h.deps, { collectorCode: 'ava' });
    const sheet = sheets.find((s) => s.collector.code === 'ava')!;
    expect(sheet.rows.length).toBeGreaterThan(0);
    const result = await publisher().postSheet(sheet);
    const sends = h.connector.of('send');
    expect(sends.length).toBeGreaterThanOrEqual(1);
    expect(sends.every((s) => s.conversationId === `a:1personal-${ava.id.slice(3)}`)).toBe(true);
    expect(sends.every((s) => s.body.replyToId === undefined)).toBe(true);
    expect(result).toEqual({
      delivered: true,
      target: `teams:${sends[0]?.conversationId}`,
      messageIds: sends.map(() => expect.stringMatching(/^m-\d+$/)),
    });
    const text = JSON.stringify(sends.map(cardOf));
    expect(cardOf(sends[0]).body[0].text).toContain(`Call sheet · ${collector.name}`);
    for (const row of sheet.rows) expect(text).toContain(`"customer":"${row.customer.code}"`);
  });

  it('posts the team view to each manager’s personal chat when no channel is bound for digests', async () => {
    await post(h.url, installed(morgan, where));
    h.connector.clear();
    const { summary } = await buildCallSheets(h.deps);
    const result = await publisher().postSummary(summary);
    const sends = h.connector.of('send');
    expect(result.delivered).toBe(true);
    expect(sends.map((s) => s.conversationId)).toEqual([`a:1personal-${morgan.id.slice(3)}`]);
    expect(cardOf(sends[0]).body[0].text).toContain('Team view');
    expect(JSON.stringify(cardOf(sends[0]))).toContain('"type":"Table"');
  });

  it('lets a refused proactive post fail loudly, so the job ledger retries it', async () => {
    const collector = await h.store.prisma.collector.findUniqueOrThrow({ where: { code: 'ava' } });
    const sheet = callSheet([sheetRow(1)]);
    h.connector.failNext(403); // e.g. the user blocked the bot; 429 and 5xx are retried by botbuilder
    try {
      await expect(
        publisher().postSheet({ ...sheet, collector: { ...sheet.collector, id: collector.id } }),
      ).rejects.toThrow();
    } finally {
      h.connector.failNext(403, 0);
    }
  });

  it('reports nowhere to post for a collector who never opened the app', async () => {
    const sheet = callSheet([sheetRow(1)]);
    const newbie = await h.store.prisma.collector.create({ data: { code: 'newbie', name: 'New Collector' } });
    const result = await publisher().postSheet({
      ...sheet,
      collector: { ...sheet.collector, id: newbie.id },
    });
    expect(result).toEqual({ delivered: false });
    expect(h.connector.calls).toEqual([]);
  });

  it('lets only a manager bind a channel for alerts', async () => {
    const alertsChannel = { ...where, scope: 'channel' as const, conversationId: '19:alerts@thread.tacv2' };
    await post(h.url, message(ava, 'bind alerts', alertsChannel));
    expect(JSON.stringify(h.connector.calls[0]?.body)).toContain('Only managers');
    await post(h.url, message(morgan, 'bind alerts', alertsChannel));
    expect(JSON.stringify(h.connector.calls[1]?.body)).toContain('Bound: alerts will post in');
    const bound = await h.store.prisma.channelBinding.findMany({
      where: { platform: 'teams', purpose: 'alerts' },
    });
    expect(bound.map((b) => b.channelId)).toEqual(['19:alerts@thread.tacv2']);
  });

  it('posts an alert to the bound channel; Acknowledge (Action.Execute) records it and updates the card', async () => {
    const { created } = await scanAlerts(h.deps);
    const alert = created[0]!;
    const posted = await publisher().postAlert(alert);
    const [sent] = h.connector.of('send');
    expect(sent?.conversationId).toBe('19:alerts@thread.tacv2');
    expect(cardOf(sent).actions[0]).toMatchObject({
      type: 'Action.Execute',
      verb: 'cs.ack',
      data: { alertId: alert.id },
    });

    const channel = { ...where, scope: 'channel' as const, conversationId: '19:alerts@thread.tacv2' };
    const messageId = posted.messageIds![0]!;
    const res = await post(
      h.url,
      execute(morgan, 'cs.ack', { verb: 'cs.ack', alertId: alert.id }, { ...channel, replyToId: messageId }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const stored = await h.store.prisma.alert.findUniqueOrThrow({ where: { id: alert.id } });
    expect(stored).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'morgan' });
    const [update] = h.connector.of('update');
    expect(update?.activityId).toBe(messageId);
    expect(JSON.stringify(update?.body)).toContain('Acknowledged by morgan');
    expect(cardOf(update).actions).toBeUndefined();
  });

  it('acknowledges through the Action.Submit fallback too', async () => {
    const [alert] = await listAlerts(h.deps); // still open ones
    expect(alert).toBeDefined();
    await post(
      h.url,
      submit(morgan, { verb: 'cs.ack', alertId: alert!.id }, { ...where, replyToId: 'alert-card-2' }),
    );
    const stored = await h.store.prisma.alert.findUniqueOrThrow({ where: { id: alert!.id } });
    expect(stored.status).toBe('acknowledged');
    expect(h.connector.of('update')[0]?.activityId).toBe('alert-card-2');
  });

  it('forgets a conversation when the app is removed', async () => {
    await post(h.url, installationUpdate(ava, 'remove', where));
    const count = await h.store.prisma.channelBinding.count({
      where: { purpose: 'dm', collector: { code: 'ava' } },
    });
    expect(count).toBe(0);
  });

  it('greets a new install once, with one answer, when Teams sends both install activities at once', async () => {
    // Kofi is known only by e-mail: the first activity links him, and the second must agree.
    const kofi = teamsUser(4);
    const email = 'kofi.mensah@example.com';
    await h.store.prisma.collector.create({ data: { code: 'kofi', name: 'Kofi Mensah', email } });
    h.connector.members.set(kofi.id, { id: kofi.id, email: email.toUpperCase() });
    const personal = { ...where, conversationId: `a:1personal-${kofi.id.slice(3)}` };
    const results = await Promise.all([
      post(h.url, installationUpdate(kofi, 'add', personal)),
      post(h.url, installed(kofi, personal)),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const greetings = h.connector.calls.filter((c) => c.kind === 'reply' || c.kind === 'send');
    expect(greetings).toHaveLength(1);
    const text = JSON.stringify(greetings[0]?.body);
    expect(text).toContain('Hello');
    expect(text).not.toContain('not linked');
    // Installing again later (the chat is already known) greets no more.
    h.connector.clear();
    await post(h.url, installed(kofi, personal));
    expect(h.connector.of('reply')).toEqual([]);
  });

  it('greets a stranger once too, saying how to get linked', async () => {
    const nobody = teamsUser(8);
    const personal = { ...where, conversationId: `a:1personal-${nobody.id.slice(3)}` };
    await Promise.all([
      post(h.url, installationUpdate(nobody, 'add', personal)),
      post(h.url, installed(nobody, personal)),
    ]);
    const replies = h.connector.of('reply');
    expect(replies).toHaveLength(1);
    expect(JSON.stringify(replies[0]?.body)).toContain('not linked to a collector yet');
  });

  it('turns the card with Undo into the answer, so Undo cannot be pressed again', async () => {
    await post(h.url, message(ava, 'logcall ACME note checking the remittance', where));
    const [recorded] = (await interactions('ACME')).filter((r) => r.outcome === 'note').slice(-1);
    h.connector.clear();
    await post(
      h.url,
      submit(ava, { verb: 'cs.undo', token: String(recorded!.id) }, { ...where, replyToId: 'note-card' }),
    );
    const [update] = h.connector.of('update');
    expect(update?.activityId).toBe('note-card');
    expect(JSON.stringify(cardOf(update))).not.toContain('"title":"Undo"');
  });

  it('writes no Markdown code marks into cards, and pre-fills the form’s date a week out', async () => {
    await post(h.url, message(ava, 'help', where));
    expect(JSON.stringify(cardOf(h.connector.of('reply')[0]))).not.toContain('`');
    h.connector.clear();
    await post(h.url, submit(ava, { verb: 'cs.row', customer: 'ACME', name: 'ACME Corp' }, where));
    const form = cardOf(h.connector.of('reply')[0]);
    expect(form.body.find((e: { id?: string }) => e.id === 'date')).toMatchObject({ value: '2027-06-04' });
  });

  it('refuses requests that are not activities', async () => {
    const res = await fetch(`${h.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{nope',
    });
    expect(res.status).toBe(400);
    expect((await fetch(`${h.url}/api/messages`)).status).toBe(405);
  });
});
