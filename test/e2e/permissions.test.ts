// The permission table of docs/commands.md ("Who may do what"), checked row by row: each action is
// run by a collector and by a manager, over signed HTTP into the Slack surface (fake Web API) and
// over HTTP into the Teams surface (fake Bot Connector), on the demo company. The table is read
// from the doc, so the doc and the behaviour cannot drift apart; a row without a probe fails.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanAlerts } from '../../src/app/scan-alerts.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { openTestStore, type TestStore } from '../support/test-store.ts';
import { blockAction, postToSlackEvents, slackAnswer, slashCommand } from './slack/slack-requests.ts';
import { type SlackServer, startSlackServer } from './slack/slack-server.ts';
import { execute, message, post, teamsUser } from './teams/activities.ts';
import { DEMO_NOW, linkCollector, startTeamsHarness, type TeamsHarness } from './teams/harness.ts';

type Role = 'collector' | 'manager';
type Platform = 'Slack' | 'Teams';

interface Row {
  action: string;
  collector: string;
  manager: string;
  Slack: string;
  Teams: string;
}

/** The "Who may do what" table of docs/commands.md. */
function permissionTable(): Row[] {
  const doc = readFileSync(path.join(import.meta.dirname, '../../docs/commands.md'), 'utf8');
  const section = doc.split('## Who may do what')[1]?.split('\n## ')[0] ?? '';
  const lines = section.split('\n').filter((l) => l.startsWith('|'));
  const cells = (l: string) =>
    l
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim());
  const header = cells(lines[0] ?? '');
  return lines
    .slice(2)
    .map((l) => Object.fromEntries(cells(l).map((c, i) => [header[i], c])) as unknown as Row);
}

const TABLE = permissionTable();

/** What a reply says about permission: refused says who may; an error is neither (a bug). */
function outcomeOf(text: string): 'allowed' | 'refused' | 'error' | 'unknown' {
  if (/went wrong|not answering|failed on our side/i.test(text)) return 'error';
  if (/I don’t know "|is not a command/.test(text)) return 'unknown';
  if (/Only (a collections )?managers? can|not yours to undo/i.test(text)) return 'refused';
  return 'allowed';
}

/** What one platform can be asked to do, as one of the demo's people. */
interface Driver {
  /** A typed command line (`logcall ACME vm`, `callsheet sheet`, `bind alerts`), answered as text. */
  say(role: Role, line: string): Promise<string>;
  /** The Acknowledge button of an alert; the text says what happened to it. */
  acknowledge(role: Role, alertId: number): Promise<string>;
  /** The id of a change another collector just logged (for undoing someone else's). */
  othersChange(): Promise<number>;
  /** The platform's form of a row's action, where it differs from `say`. */
  native?: Partial<Record<string, (role: Role) => Promise<string>>>;
}

let customer: string;
const alertIds: number[] = [];

/** How each table row is tried on a platform; the row's cell for the platform must not be —. */
const PROBES: Record<string, (d: Driver, role: Role) => Promise<string>> = {
  'log a call': (d, role) => d.say(role, `logcall ${customer} vm`),
  "today's calls": (d, role) => d.say(role, 'calls'),
  'look up an account': (d, role) => d.say(role, `account ${customer}`),
  'open promises': (d, role) => d.say(role, 'promises'),
  'undo their own change': async (d, role) => {
    await d.say(role, `logcall ${customer} na`);
    return d.say(role, 'undo');
  },
  "undo someone else's change": async (d, role) => d.say(role, `undo ${await d.othersChange()}`),
  'assign an account': (d, role) => d.say(role, `assign ${customer} to ava`),
  'place or release a credit hold': async (d, role) => {
    const held = await d.say(role, `hold ${customer} permission check`);
    if (outcomeOf(held) === 'allowed') await d.say(role, `release ${customer}`);
    return held;
  },
  'see their own sheet': (d, role) => (d.native?.['see their own sheet'] ?? ((r) => d.say(r, 'calls')))(role),
  "see another collector's sheet": (d, role) =>
    (d.native?.["see another collector's sheet"] ?? ((r) => d.say(r, 'sheet hiro')))(role),
  'bind a channel (alerts, digests, team)': (d, role) =>
    d.native!['bind a channel (alerts, digests, team)']!(role),
  'change a business setting': (d, role) =>
    (
      d.native?.['change a business setting'] ?? ((r) => d.say(r, 'settings set policy.lateness.lateDays 30'))
    )(role),
  "post this morning's digests now": (d, role) => d.say(role, 'digest hiro'),
  'acknowledge an alert': (d, role) => d.acknowledge(role, alertIds.pop()!),
  help: (d, role) => d.say(role, 'help'),
};

function tableTests(platform: Platform, driver: () => Driver) {
  it('has a probe for every row of the table', () => {
    expect(TABLE.length).toBeGreaterThan(10);
    expect(TABLE.map((r) => r.action).filter((a) => !PROBES[a])).toEqual([]);
  });

  const cases = TABLE.filter((r) => r[platform] !== '—').flatMap((r) =>
    (['collector', 'manager'] as const).map((role) => ({ ...r, role, expected: r[role].startsWith('yes') })),
  );
  it.each(cases)(`${platform}: $action, as a $role`, async (row) => {
    const probe = PROBES[row.action];
    expect(probe, `no probe for "${row.action}"`).toBeDefined();
    const text = await probe!(driver(), row.role);
    expect(outcomeOf(text), text.slice(0, 600)).toBe(row.expected ? 'allowed' : 'refused');
  });
}

async function setUpDemo(store: TestStore): Promise<void> {
  const [c] = await store.sql.query<{ code: string }>(
    `SELECT c.code FROM customers c JOIN collectors k ON k.id = c.collector_id
      WHERE k.code = 'hiro' ORDER BY c.id LIMIT 1`,
  );
  customer = c!.code;
  const { created } = await scanAlerts({ store, now: () => DEMO_NOW });
  alertIds.push(...created.slice(0, 10).map((a) => a.id));
  expect(alertIds.length).toBeGreaterThanOrEqual(4);
}

const lastChangeOf = async (store: TestStore, code: string) =>
  (
    await store.sql.query<{ id: number }>(
      `SELECT max(id)::int AS id FROM interactions WHERE actor = $1 AND idempotency_key IS NOT NULL`,
      [code],
    )
  )[0]!.id;

const alertStatus = async (store: TestStore, id: number) =>
  (
    await store.sql.query<{ status: string; by: string | null }>(
      `SELECT status::text AS status, acknowledged_by AS by FROM alerts WHERE id = $1`,
      [id],
    )
  )[0];

describe('permissions on Slack', () => {
  let store: TestStore;
  let server: SlackServer;
  const users: Record<Role | 'other', string> = { collector: 'U0AVA', manager: 'U0MORGAN', other: 'U0HIRO' };
  let seq = 0;

  /** The answer to a signed request: its ack's body, or what went to its response_url. */
  async function answer(body: (responseUrl: string) => string): Promise<string> {
    const id = `perm${++seq}`;
    const { status, text } = await slackAnswer(
      server.url,
      server.fake,
      body(server.fake.responseUrl(id)),
      id,
    );
    expect(status).toBe(200);
    return text;
  }

  const slash = (user: string, line: string) => {
    const [word = '', ...rest] = line.split(' ');
    const own = ['logcall', 'calls', 'account', 'promises'].includes(word);
    return answer((responseUrl) =>
      slashCommand({
        command: own ? `/${word}` : '/callsheet',
        text: own ? rest.join(' ') : line.replace(/^callsheet /, ''),
        user_id: user,
        response_url: responseUrl,
      }),
    );
  };

  const driver = (): Driver => ({
    say: (role, line) => slash(users[role], line),
    acknowledge: async (role, alertId) => {
      // The button updates the alert's message in place (chat.update), nothing to answer.
      const click = blockAction({
        action_id: 'alert_acknowledge',
        value: String(alertId),
        user_id: users[role],
        channel_id: 'C0ALERTS',
        response_url: server.fake.responseUrl(`ack${alertId}`),
      });
      expect((await postToSlackEvents(server.url, click)).status).toBe(200);
      await expect.poll(async () => (await alertStatus(store, alertId))?.status).toBe('acknowledged');
      return JSON.stringify(await alertStatus(store, alertId));
    },
    othersChange: async () => {
      await slash(users.other, `logcall ${customer} vm`);
      return lastChangeOf(store, 'hiro');
    },
    native: {
      'see their own sheet': (role) => slash(users[role], 'callsheet sheet'),
      "see another collector's sheet": (role) => slash(users[role], `callsheet sheet <@${users.other}|hiro>`),
      'bind a channel (alerts, digests, team)': (role) =>
        slash(users[role], 'callsheet bind alerts <#C0ALERTS|alerts>'),
      'change a business setting': (role) =>
        slash(users[role], 'callsheet settings set policy.lateness.lateDays 30'),
    },
  });

  beforeAll(async () => {
    store = await openTestStore();
    await loadDemo(store, { size: 'small', seed: 42, today: '2027-05-28' });
    for (const [code, id] of [
      ['ava', users.collector],
      ['morgan', users.manager],
      ['hiro', users.other],
    ])
      await store.sql.query(`UPDATE collectors SET slack_user_id = $2 WHERE code = $1`, [code, id]);
    await setUpDemo(store);
    server = await startSlackServer({ store, now: () => DEMO_NOW });
  });
  afterAll(async () => {
    await server?.stop();
    await store?.close();
  });

  tableTests('Slack', driver);

  it('lets someone not linked run help only', async () => {
    expect(outcomeOf(await slash('U0STRANGER', 'help'))).toBe('allowed');
    expect(await slash('U0STRANGER', `logcall ${customer} vm`)).toMatch(/not linked to a collector/);
  });
});

describe('permissions on Teams', () => {
  let h: TeamsHarness;
  const people = { collector: teamsUser(1), manager: teamsUser(3), other: teamsUser(2) };

  /** Everything the bot sent to the fake connector for one activity, as text. */
  async function send(activity: unknown): Promise<string> {
    const before = h.connector.calls.length;
    const res = await post(h.url, activity);
    expect(res.status, JSON.stringify([activity, res.body])).toBe(200);
    return JSON.stringify([res.body, ...h.connector.calls.slice(before).map((c) => c.body)]);
  }

  const where = () => ({ serviceUrl: h.connector.url });
  const driver = (): Driver => ({
    say: (role, line) => send(message(people[role], line, where())),
    acknowledge: async (role, alertId) => {
      await send(
        execute(
          people[role],
          'cs.ack',
          { verb: 'cs.ack', alertId },
          { ...where(), scope: 'channel', replyToId: `alert-card-${alertId}` },
        ),
      );
      return JSON.stringify(await alertStatus(h.store, alertId));
    },
    othersChange: async () => {
      await send(message(people.other, `logcall ${customer} vm`, where()));
      return lastChangeOf(h.store, 'hiro');
    },
    native: {
      'bind a channel (alerts, digests, team)': (role) =>
        send(message(people[role], 'bind alerts', { ...where(), scope: 'channel' })),
    },
  });

  beforeAll(async () => {
    h = await startTeamsHarness({});
    await linkCollector(h.store, 'ava', people.collector.aadObjectId);
    await linkCollector(h.store, 'hiro', people.other.aadObjectId);
    await linkCollector(h.store, 'morgan', people.manager.aadObjectId);
    await setUpDemo(h.store);
  });
  afterAll(async () => h?.close());

  tableTests('Teams', driver);

  it('lets someone not linked run nothing but says how to get linked', async () => {
    const text = await send(message(teamsUser(9), `logcall ${customer} vm`, where()));
    expect(text).toMatch(/not linked to a collector yet/);
  });
});
