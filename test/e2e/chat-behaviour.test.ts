// One behaviour table, run on Slack (signed slash commands into `serve`, fake Web API) and on
// Teams (Bot Framework activities into `serve`, fake Bot Connector): the same command from the same
// person has the same effect in the database and the same answer. The surfaces only translate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { openTestStore, type TestStore } from '../support/test-store.ts';
import { slackAnswer, slashCommand } from './slack/slack-requests.ts';
import { type SlackServer, startSlackServer } from './slack/slack-server.ts';
import { message, post, teamsUser } from './teams/activities.ts';
import { DEMO_NOW, DEMO_TODAY, startTeamsHarness, type TeamsHarness } from './teams/harness.ts';

type Who = 'collector' | 'manager' | 'stranger';
type Where = 'direct' | 'channel';

interface Surface {
  name: 'slack' | 'teams';
  store: TestStore;
  /** Everything the person saw in answer, as one string of the surface's JSON. */
  say(who: Who, text: string, where?: Where): Promise<string>;
  close(): Promise<void>;
}

interface Cast {
  collector: { id: number; code: string; name: string };
  manager: { code: string };
  customer: { id: number; code: string; name: string };
}

async function castOf(store: TestStore): Promise<Cast> {
  const [collector] = await store.sql.query<Cast['collector']>(
    `SELECT id, code, name FROM collectors WHERE role = 'collector' AND active ORDER BY id LIMIT 1`,
  );
  const [manager] = await store.sql.query<Cast['manager']>(
    `SELECT code FROM collectors WHERE role = 'manager' AND active ORDER BY id LIMIT 1`,
  );
  // A plain code, so every surface passes it through unchanged.
  const [customer] = await store.sql.query<Cast['customer']>(
    `SELECT id, code, name FROM customers WHERE collector_id = $1 AND code ~ '^[A-Z0-9-]+$' ORDER BY id LIMIT 1`,
    [collector!.id],
  );
  return { collector: collector!, manager: manager!, customer: customer! };
}

async function slackSurface(): Promise<Surface> {
  const store = await openTestStore();
  await loadDemo(store, { size: 'small', seed: 42, today: DEMO_TODAY });
  const cast = await castOf(store);
  await store.sql.query(`UPDATE collectors SET slack_user_id = 'U0COLL' WHERE code = $1`, [
    cast.collector.code,
  ]);
  await store.sql.query(`UPDATE collectors SET slack_user_id = 'U0MGR' WHERE code = $1`, [cast.manager.code]);
  const server: SlackServer = await startSlackServer({ store, now: () => DEMO_NOW });
  const users: Record<Who, string> = { collector: 'U0COLL', manager: 'U0MGR', stranger: 'U0NOBODY' };
  let seq = 0;
  return {
    name: 'slack',
    store,
    async say(who, text, where = 'direct') {
      const id = `behaviour-${++seq}`;
      const body = slashCommand({
        command: '/callsheet',
        text,
        user_id: users[who],
        response_url: server.fake.responseUrl(id),
        ...(where === 'channel'
          ? { channel_id: 'C0COLLECT', channel_name: 'collections' }
          : { channel_id: 'D0DIRECT', channel_name: 'directmessage' }),
      });
      return (await slackAnswer(server.url, server.fake, body, id)).text;
    },
    close: async () => {
      await server.stop();
      await store.close();
    },
  };
}

async function teamsSurface(): Promise<Surface> {
  const h: TeamsHarness = await startTeamsHarness({});
  const cast = await castOf(h.store);
  const users: Record<Who, ReturnType<typeof teamsUser>> = {
    collector: teamsUser(11),
    manager: teamsUser(12),
    stranger: teamsUser(19),
  };
  await h.store.sql.query(`UPDATE collectors SET teams_user_id = $2 WHERE code = $1`, [
    cast.collector.code,
    users.collector.aadObjectId,
  ]);
  await h.store.sql.query(`UPDATE collectors SET teams_user_id = $2 WHERE code = $1`, [
    cast.manager.code,
    users.manager.aadObjectId,
  ]);
  return {
    name: 'teams',
    store: h.store,
    async say(who, text, where = 'direct') {
      h.connector.clear();
      const scope = where === 'channel' ? 'channel' : 'personal';
      const res = await post(h.url, message(users[who], text, { serviceUrl: h.connector.url, scope }));
      expect(res.status).toBe(200);
      return JSON.stringify(h.connector.of('reply').map((c) => c.body));
    },
    close: () => h.close(),
  };
}

interface Row {
  what: string;
  who: Who;
  say: (c: Cast) => string;
  where?: Where;
  answer: (c: Cast) => RegExp;
  /** A query whose first row's `n` the command changes by `by` (default: nothing changes). */
  effect?: { sql: (c: Cast, platform: string) => [string, unknown[]]; by: number };
}

const interactionsOf = (c: Cast, platform: string): [string, unknown[]] => [
  'SELECT count(*)::int AS n FROM interactions WHERE customer_id = $1 AND source = $2',
  [c.customer.id, platform],
];
const activeHolds = (c: Cast): [string, unknown[]] => [
  'SELECT count(*)::int AS n FROM credit_holds WHERE customer_id = $1 AND released_at IS NULL',
  [c.customer.id],
];
const settingsFrom = (_c: Cast, platform: string): [string, unknown[]] => [
  `SELECT count(*)::int AS n FROM settings WHERE key = 'policy' AND source = $1`,
  [platform],
];
const alertChannels = (_c: Cast, platform: string): [string, unknown[]] => [
  `SELECT count(*)::int AS n FROM channel_bindings WHERE platform = $1::"Platform" AND purpose = 'alerts'`,
  [platform],
];

const TABLE: Row[] = [
  { what: 'help lists every command', who: 'collector', say: () => 'help', answer: () => /bind digests/ },
  {
    what: 'an unknown word is named',
    who: 'collector',
    say: () => 'frobnicate',
    answer: () => /frobnicate.{0,4} is not a command/,
  },
  {
    what: 'a stranger is told how to get linked, and nothing is recorded',
    who: 'stranger',
    say: (c) => `logcall ${c.customer.code} no answer`,
    answer: () => /not linked to a collector yet/,
    effect: { sql: interactionsOf, by: 0 },
  },
  {
    what: 'logcall records once, with an Undo',
    who: 'collector',
    say: (c) => `logcall ${c.customer.code} no answer`,
    answer: () => /Recorded: No answer.*Undo/,
    effect: { sql: interactionsOf, by: 1 },
  },
  {
    what: 'undo reverses it',
    who: 'collector',
    say: () => 'undo',
    answer: () => /[Uu]ndone/,
    effect: { sql: interactionsOf, by: 1 },
  },
  {
    what: 'account shows the customer',
    who: 'collector',
    say: (c) => `account ${c.customer.code}`,
    answer: (c) => new RegExp(c.customer.code),
  },
  { what: 'promises answers', who: 'collector', say: () => 'promises all', answer: () => /[Pp]romise/ },
  {
    what: 'sheet draws the collector’s own sheet',
    who: 'collector',
    say: () => 'sheet',
    answer: (c) => new RegExp(`${c.collector.name}|No calls`),
  },
  {
    what: 'a collector may not see another’s sheet',
    who: 'collector',
    say: (c) => `sheet ${c.manager.code}`,
    answer: () => /Only managers can see another collector/,
  },
  {
    what: 'a manager sees a collector’s sheet',
    who: 'manager',
    say: (c) => `sheet ${c.collector.code}`,
    answer: (c) => new RegExp(c.collector.name),
  },
  {
    what: 'a collector may not put a customer on hold',
    who: 'collector',
    say: (c) => `hold ${c.customer.code}`,
    answer: () => /Only managers can/,
    effect: { sql: activeHolds, by: 0 },
  },
  {
    what: 'a manager puts a customer on hold',
    who: 'manager',
    say: (c) => `hold ${c.customer.code} over limit`,
    answer: () => /hold/i,
    effect: { sql: activeHolds, by: 1 },
  },
  {
    what: 'a manager releases it',
    who: 'manager',
    say: (c) => `release ${c.customer.code}`,
    answer: () => /[Rr]eleased/,
    effect: { sql: activeHolds, by: -1 },
  },
  {
    what: 'a collector may not assign accounts',
    who: 'collector',
    say: (c) => `assign ${c.customer.code} to ${c.manager.code}`,
    answer: () => /Only managers can assign/,
  },
  {
    what: 'a collector may not see the settings',
    who: 'collector',
    say: () => 'settings',
    answer: () => /Only managers can/,
  },
  {
    what: 'a manager changes a setting, recorded with the surface',
    who: 'manager',
    say: () => 'settings set policy.lateness.lateDays 45',
    answer: () => /policy.lateness.lateDays is now 45/,
    effect: { sql: settingsFrom, by: 1 },
  },
  {
    what: 'a manager resets it',
    who: 'manager',
    say: () => 'settings reset policy.lateness.lateDays',
    answer: () => /the default/,
  },
  {
    what: 'a collector may not bind a channel',
    who: 'collector',
    say: () => 'bind alerts',
    where: 'channel',
    answer: () => /Only managers can choose/,
    effect: { sql: alertChannels, by: 0 },
  },
  {
    what: 'a channel is bound from inside it, not from a direct chat',
    who: 'manager',
    say: () => 'bind alerts',
    answer: () => /Bind a channel from inside it/,
    effect: { sql: alertChannels, by: 0 },
  },
  {
    what: 'a manager binds the channel for alerts',
    who: 'manager',
    say: () => 'bind alerts',
    where: 'channel',
    answer: () => /Bound: alerts will post in/,
    effect: { sql: alertChannels, by: 1 },
  },
  {
    what: 'a collector may not post the digests',
    who: 'collector',
    say: () => 'digest',
    answer: () => /Only managers can post/,
  },
  {
    what: 'a manager posts a collector’s digest now, through the running server',
    who: 'manager',
    say: (c) => `digest ${c.collector.code}`,
    answer: () => /Digests: \d+ posted/,
  },
  {
    what: 'and unbinds it',
    who: 'manager',
    say: () => 'unbind alerts',
    where: 'channel',
    answer: () => /Unbound: alerts will no longer post/,
    effect: { sql: alertChannels, by: -1 },
  },
];

describe.each([
  ['Slack', slackSurface],
  ['Teams', teamsSurface],
] as const)('the same behaviour on %s', (_name, start) => {
  let surface: Surface;
  let cast: Cast;
  beforeAll(async () => {
    surface = await start();
    cast = await castOf(surface.store);
  });
  afterAll(async () => surface?.close());

  const count = async (row: Row): Promise<number> => {
    const [sql, params] = row.effect!.sql(cast, surface.name);
    const [r] = await surface.store.sql.query<{ n: number }>(sql, params);
    return r?.n ?? 0;
  };

  // In order: later rows build on earlier ones (undo after logcall, release after hold).
  it.each(TABLE.map((row) => [row.what, row] as const))('%s', async (_what, row) => {
    const before = row.effect ? await count(row) : 0;
    const answer = await surface.say(row.who, row.say(cast), row.where);
    expect(answer).toMatch(row.answer(cast));
    if (row.effect) expect((await count(row)) - before).toBe(row.effect.by);
  });
});
