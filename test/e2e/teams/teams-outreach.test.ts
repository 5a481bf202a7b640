// The manager's approval of the automated batch in Teams, over HTTP against the fake Bot
// Connector: the prompt card in the manager's chat, Preview below it, Send in place of it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { outreachBatchPrompt } from '../../../src/app/outreach/approve-batch.ts';
import { OUTREACH_VERB } from '../../../src/views/teams/outreach-card.ts';
import { installed, post, submit, teamsUser } from './activities.ts';
import { DEMO_TODAY, linkCollector, startTeamsHarness, type TeamsHarness } from './harness.ts';

const FROM = 'Demo AR <ar@callsheet-demo.example>';
const manager = teamsUser(3);
const collector = teamsUser(1);
let h: TeamsHarness;
let where: { serviceUrl: string };

// biome-ignore lint/suspicious/noExplicitAny: card JSON as the fake connector recorded it
const cardOf = (call: { body: any } | undefined) => call?.body.attachments[0].content;
const queued = async () =>
  Number(
    (
      await h.store.sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM outreach_messages WHERE status = 'queued'`,
      )
    )[0]?.n,
  );

beforeAll(async () => {
  h = await startTeamsHarness({
    env: { TEAMS_ALLOW_UNAUTHENTICATED: 'true', SMTP_URL: 'smtp://127.0.0.1:2525', OUTREACH_FROM: FROM },
  });
  where = { serviceUrl: h.connector.url };
  const [m] = await h.store.sql.query<{ code: string }>(
    `SELECT code FROM collectors WHERE role = 'manager' LIMIT 1`,
  );
  const [c] = await h.store.sql.query<{ code: string }>(
    `SELECT code FROM collectors WHERE role = 'collector' LIMIT 1`,
  );
  await linkCollector(h.store, m!.code, manager.aadObjectId);
  await linkCollector(h.store, c!.code, collector.aadObjectId);
  await post(h.url, installed(manager, where));
});
afterAll(async () => h?.close());
beforeEach(() => h.connector.clear());

describe('approving the automated batch in Teams', () => {
  it("posts the prompt card to the manager's chat with Preview, Send and Skip today", async () => {
    const prompt = await outreachBatchPrompt(h.deps, { from: FROM }, DEMO_TODAY);
    const posted = await h.serving.surfaces[0]!.publisher!.postOutreachBatch!(prompt);
    expect(posted.delivered).toBe(true);
    const card = cardOf(h.connector.of('send')[0]);
    expect(JSON.stringify(card)).toContain("Today's automated batch");
    const actions = card.actions.map((a: { data: { verb: string; decision: string } }) => a.data);
    expect(actions).toEqual(
      ['preview', 'send', 'skip'].map((decision) => ({ verb: OUTREACH_VERB, decision, asOf: DEMO_TODAY })),
    );
  });

  it('Preview answers below the prompt; a collector may not Send', async () => {
    await post(
      h.url,
      submit(
        manager,
        { verb: OUTREACH_VERB, decision: 'preview', asOf: DEMO_TODAY },
        { ...where, replyToId: 'prompt-1' },
      ),
    );
    expect(JSON.stringify(h.connector.calls.map((c) => c.body))).toContain('Sample to');
    h.connector.clear();
    await post(
      h.url,
      submit(
        collector,
        { verb: OUTREACH_VERB, decision: 'send', asOf: DEMO_TODAY },
        { ...where, replyToId: 'prompt-1' },
      ),
    );
    expect(JSON.stringify(h.connector.calls.map((c) => c.body))).toContain('Only a collections manager');
    expect(await queued()).toBe(0);
  });

  it('Send queues the batch and replaces the prompt', async () => {
    const prompt = await outreachBatchPrompt(h.deps, { from: FROM }, DEMO_TODAY);
    await post(
      h.url,
      submit(
        manager,
        { verb: OUTREACH_VERB, decision: 'send', asOf: DEMO_TODAY },
        { ...where, replyToId: 'prompt-1' },
      ),
    );
    const [update] = h.connector.of('update');
    expect(update?.activityId).toBe('prompt-1');
    expect(JSON.stringify(update?.body)).toContain('Approved by');
    expect(await queued()).toBe(prompt.emails);
  });
});
