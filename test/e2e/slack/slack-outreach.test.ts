// The manager's approval of the automated batch in Slack, over real signed HTTP against the fake
// Slack Web API: the prompt with Preview / Send / Skip today, and each button's answer.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/app/deps.ts';
import { outreachBatchPrompt } from '../../../src/app/outreach/approve-batch.ts';
import { loadDemo } from '../../../src/demo/load-demo.ts';
import { OUTREACH_ACTIONS } from '../../../src/views/slack/outreach-blocks.ts';
import { openTestStore, type TestStore } from '../../support/test-store.ts';
import { messageViolations } from './block-kit-limits.ts';
import { blockAction, postToSlackEvents } from './slack-requests.ts';
import { type SlackServer, startSlackServer } from './slack-server.ts';

const DAY = '2027-05-28';
const FROM = 'Demo AR <ar@callsheet-demo.example>';
let store: TestStore;
let server: SlackServer;
let seq = 0;

// biome-ignore lint/suspicious/noExplicitAny: assertions walk Slack JSON of many shapes
type Json = Record<string, any>;

const ledger = async () =>
  store.sql.query<{ status: string; n: number }>(
    'SELECT status::text AS status, count(*)::int AS n FROM outreach_messages GROUP BY 1 ORDER BY 1',
  );

async function click(action: string, user: string): Promise<Json> {
  const id = `o${++seq}`;
  const body = blockAction({
    action_id: action,
    value: DAY,
    user_id: user,
    response_url: server.fake.responseUrl(id),
  });
  expect((await postToSlackEvents(server.url, body)).status).toBe(200);
  await server.fake.arrivalOf(id);
  return server.fake.responses.find((r) => r.id === id)!.body as Json;
}

beforeAll(async () => {
  store = await openTestStore();
  await loadDemo(store, { size: 'small', seed: 42, today: DAY });
  await store.sql.query(`UPDATE collectors SET slack_user_id = 'U0MORGAN' WHERE role = 'manager'`);
  await store.sql.query(
    `UPDATE collectors SET slack_user_id = 'U0JANE' WHERE id = (SELECT min(id) FROM collectors WHERE role = 'collector')`,
  );
  await store.sql.query(
    `INSERT INTO channel_bindings (platform, workspace_id, channel_id, purpose, actor, source)
     VALUES ('slack', 'T0TEAM', 'C0TEAM', 'team', 'test', 'cli')`,
  );
  server = await startSlackServer(
    { store, now: systemClock },
    { SMTP_URL: 'smtp://127.0.0.1:2525', OUTREACH_FROM: FROM },
  );
});
afterAll(async () => {
  await server?.stop();
  await store?.close();
});
beforeEach(() => server.fake.reset());

describe('approving the automated batch in Slack', () => {
  it('posts the prompt to the team channel with Preview, Send and Skip today', async () => {
    const prompt = await outreachBatchPrompt({ store, now: systemClock }, { from: FROM }, DAY);
    expect(prompt.emails).toBeGreaterThan(10);
    const posted = await server.surface.publisher.postOutreachBatch!(prompt);
    expect(posted.delivered).toBe(true);
    const [call] = server.fake.callsTo('chat.postMessage');
    expect(call!.args.channel).toBe('C0TEAM');
    expect(String(call!.args.text)).toMatch(/^Today's automated batch: \d+ e-mails to \d+ customers, \$/);
    const buttons = (call!.args.blocks as Json[]).flatMap((b) => b.elements ?? []);
    expect(buttons.map((b: Json) => b.action_id)).toEqual(Object.values(OUTREACH_ACTIONS));
    expect(buttons.every((b: Json) => b.value === DAY)).toBe(true);
    expect(messageViolations({ text: call!.args.text, blocks: call!.args.blocks } as Json)).toEqual([]);
  });

  it('Preview shows a sample and the list, below the prompt, and writes nothing', async () => {
    const body = await click(OUTREACH_ACTIONS.preview, 'U0MORGAN');
    expect(body.replace_original).toBe(false);
    const text = JSON.stringify(body.blocks);
    expect(text).toContain('Sample to');
    expect(text).toContain('reminder 1');
    expect(await ledger()).toEqual([]);
  });

  it('refuses a collector and queues nothing', async () => {
    const body = await click(OUTREACH_ACTIONS.send, 'U0JANE');
    expect(JSON.stringify(body.blocks)).toContain('Only a collections manager');
    expect(await ledger()).toEqual([]);
  });

  it('Send queues the batch once, in place of the prompt; Skip cancels what is still queued', async () => {
    const prompt = await outreachBatchPrompt({ store, now: systemClock }, { from: FROM }, DAY);
    const body = await click(OUTREACH_ACTIONS.send, 'U0MORGAN');
    expect(body.replace_original).toBe(true);
    expect(JSON.stringify(body.blocks)).toContain('Approved by');
    expect(await ledger()).toEqual([{ status: 'queued', n: prompt.emails }]);
    const again = await click(OUTREACH_ACTIONS.send, 'U0MORGAN');
    expect(JSON.stringify(again.blocks)).toContain('0 newly queued');
    expect(await ledger()).toEqual([{ status: 'queued', n: prompt.emails }]);
    const skip = await click(OUTREACH_ACTIONS.skip, 'U0MORGAN');
    expect(JSON.stringify(skip.blocks)).toContain('Skipped by');
    expect(await ledger()).toEqual([{ status: 'cancelled', n: prompt.emails }]);
  });
});
