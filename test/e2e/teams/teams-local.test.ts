import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TeamsCore } from '../../../src/adapters/teams/teams-core.ts';
import type { CommandRequest } from '../../../src/app/command-model.ts';
import { alertView, callSheet, sheetRow } from '../../fixtures/teams/view-models.ts';
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

const requests: CommandRequest[] = [];
const core: TeamsCore = {
  runCommand: async (_deps, req) => {
    requests.push(req);
    return {
      tone: 'ok',
      title: `Ran ${req.command}: ${req.text}`,
      actions: [{ kind: 'undo', label: 'Undo', token: 'u-1' }],
      private: true,
    };
  },
  acknowledgeAlert: async (_deps, { id, actor }) => ({
    ok: true,
    value: { ...alertView, id, status: 'acknowledged', acknowledgedBy: actor.code },
  }),
};

const ava = teamsUser(1);
const stranger = teamsUser(9);
let h: TeamsHarness;
let where: { serviceUrl: string };

beforeAll(async () => {
  h = await startTeamsHarness({ core });
  where = { serviceUrl: h.connector.url };
  await linkCollector(h.store, 'ava', ava.aadObjectId);
});
afterAll(async () => h?.close());
beforeEach(() => {
  h.connector.clear();
  requests.length = 0;
});

describe('Teams surface, local mode', () => {
  it('stores the personal conversation on install and says hello', async () => {
    expect((await post(h.url, installed(ava, where))).status).toBe(200);
    const binding = await h.store.prisma.channelBinding.findFirst({
      where: { platform: 'teams', purpose: 'dm', collector: { code: 'ava' } },
    });
    expect(binding?.workspaceId).toBe(TENANT);
    expect((binding?.conversationRef as { serviceUrl?: string } | undefined)?.serviceUrl).toBe(
      h.connector.url,
    );
    const [hello] = h.connector.of('send').concat(h.connector.of('reply'));
    expect(JSON.stringify(hello?.body)).toContain('your call sheet will arrive here');
  });

  it('runs a typed command through the core with the activity id as idempotency key', async () => {
    const activity = message(ava, 'logcall ACME promised 5/30', where);
    expect((await post(h.url, activity)).status).toBe(200);
    expect(requests).toEqual([
      {
        command: 'logcall',
        text: 'ACME promised 5/30',
        user: { platform: 'teams', id: ava.aadObjectId },
        idempotencyKey: `${activity.conversation.id}:${activity.id}`,
      },
    ]);
    const [sent] = h.connector.of('reply');
    const card = sent?.body.attachments[0];
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.content.version).toBe('1.5');
    expect(card.content.actions).toEqual([
      { type: 'Action.Submit', title: 'Undo', data: { verb: 'cs.undo', token: 'u-1' }, style: 'destructive' },
    ]);
  });

  it('strips the @mention in a channel and remembers the channel', async () => {
    const activity = message(ava, 'account ACME', {
      ...where,
      scope: 'channel',
      conversationId: '19:general@thread.tacv2;messageid=1700',
    });
    expect((await post(h.url, activity)).status).toBe(200);
    expect(requests[0]).toMatchObject({ command: 'account', text: 'ACME' });
    const binding = await h.store.prisma.channelBinding.findFirst({
      where: { platform: 'teams', purpose: 'team' },
    });
    expect(binding?.channelId).toBe('19:general@thread.tacv2');
  });

  it('answers an unknown Teams user clearly and records nothing', async () => {
    expect((await post(h.url, message(stranger, 'calls', where))).status).toBe(200);
    expect(requests).toEqual([]);
    const text = JSON.stringify(h.connector.of('reply')[0]?.body);
    expect(text).toContain('I don’t know you yet');
    expect(text).toContain(stranger.aadObjectId);
  });

  it('links a collector by e-mail on first contact', async () => {
    const hiro = teamsUser(2);
    const email = (await h.store.prisma.collector.findUniqueOrThrow({ where: { code: 'hiro' } })).email!;
    h.connector.members.set(hiro.id, { id: hiro.id, email: email.toUpperCase() });
    expect((await post(h.url, message(hiro, 'calls', where))).status).toBe(200);
    expect(requests).toHaveLength(1);
    const linked = await h.store.prisma.collector.findUniqueOrThrow({ where: { code: 'hiro' } });
    expect(linked.teamsUserId).toBe(hiro.aadObjectId);
  });

  it('turns the row form into a logcall line and replaces the form with the confirmation', async () => {
    const value = {
      verb: 'cs.log',
      customer: 'ACME',
      outcome: 'promised',
      amount: '5,000.00',
      date: '2027-06-04',
      invoice: '',
      note: 'cheque run on Fridays',
    };
    await post(h.url, submit(ava, value, { ...where, replyToId: 'form-1' }));
    expect(requests[0]).toMatchObject({
      command: 'logcall',
      text: 'ACME promised 5000.00 by 2027-06-04 cheque run on Fridays',
    });
    const [update] = h.connector.of('update');
    expect(update?.activityId).toBe('form-1');
    expect(JSON.stringify(update?.body)).toContain('Ran logcall');
  });

  it('posts a sheet proactively to the stored personal conversation', async () => {
    await post(h.url, installed(ava, where));
    h.connector.clear();
    const sheet = callSheet([sheetRow(1), sheetRow(2)]);
    const collector = await h.store.prisma.collector.findUniqueOrThrow({ where: { code: 'ava' } });
    const result = await h.serving.surfaces[0]!.publisher!.postSheet({
      ...sheet,
      collector: { ...sheet.collector, id: collector.id },
    });
    const sends = h.connector.of('send');
    expect(sends).toHaveLength(1);
    expect(sends[0]?.conversationId).toBe(`a:1personal-${ava.id.slice(3)}`);
    expect(result).toEqual({
      delivered: true,
      target: `teams:${sends[0]?.conversationId}`,
      messageIds: [expect.stringMatching(/^m-\d+$/)],
    });
    expect(sends[0]?.body.attachments[0].content.body[0].text).toContain('Call sheet · Ava Stone');
  });

  it('lets a refused proactive post fail loudly, so the job ledger retries it', async () => {
    await post(h.url, installed(ava, where));
    const collector = await h.store.prisma.collector.findUniqueOrThrow({ where: { code: 'ava' } });
    const sheet = callSheet([sheetRow(1)]);
    h.connector.clear();
    h.connector.failNext(403); // e.g. the user blocked the bot; 429 and 5xx are retried by botbuilder
    try {
      await expect(
        h.serving.surfaces[0]!.publisher!.postSheet({
          ...sheet,
          collector: { ...sheet.collector, id: collector.id },
        }),
      ).rejects.toThrow();
    } finally {
      h.connector.failNext(403, 0);
    }
  });

  it('reports nowhere to post for a collector who never opened the app', async () => {
    const sheet = callSheet([sheetRow(1)]);
    const morgan = await h.store.prisma.collector.findUniqueOrThrow({ where: { code: 'morgan' } });
    const result = await h.serving.surfaces[0]!.publisher!.postSheet({
      ...sheet,
      collector: { ...sheet.collector, id: morgan.id },
    });
    expect(result).toEqual({ delivered: false });
    expect(h.connector.calls).toEqual([]);
  });

  it('acknowledges an alert with Action.Execute and updates the card for everyone', async () => {
    const res = await post(
      h.url,
      execute(ava, 'cs.ack', { verb: 'cs.ack', alertId: 7 }, { ...where, replyToId: 'alert-card-1' }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    const [update] = h.connector.of('update');
    expect(update?.activityId).toBe('alert-card-1');
    expect(JSON.stringify(update?.body)).toContain('Acknowledged by ava');
  });

  it('forgets a conversation when the app is removed', async () => {
    await post(h.url, installationUpdate(ava, 'remove', where));
    const count = await h.store.prisma.channelBinding.count({
      where: { purpose: 'dm', collector: { code: 'ava' } },
    });
    expect(count).toBe(0);
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
