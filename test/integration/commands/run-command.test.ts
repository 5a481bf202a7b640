import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../../src/app/commands/run-command.ts';
import { openTestStore, type TestStore } from '../../support/test-store.ts';
import { addCustomers, count, NOW, type Runner, runner } from './fixture.ts';

let store: TestStore;
let run: Runner;
beforeAll(async () => {
  store = await openTestStore();
  await addCustomers(store);
  run = runner(store);
});
afterAll(() => store.close());

const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

describe('who may log', () => {
  it('tells an unknown Slack user how to get linked, and records nothing', async () => {
    const before = await count(store, 'interactions');
    const reply = await run('logcall TESTCO no answer', { platform: 'slack', as: 'U999' });
    expect(reply.tone).toBe('error');
    expect(reply.title).toMatch(/not linked to a collector yet .*U999/);
    expect(reply.lines?.join(' ')).toMatch(/slack_user_id/);
    expect(await count(store, 'interactions')).toBe(before);
  });

  it('maps a Slack user id to its collector', async () => {
    await store.sql.query(`UPDATE collectors SET slack_user_id = 'U0AVA' WHERE code = 'ava'`);
    const reply = await run('logcall TESTCO vm', { platform: 'slack', as: 'U0AVA' });
    expect(reply).toMatchObject({
      tone: 'ok',
      title: 'Recorded: Left a voicemail for Tessellate Widgets (TESTCO)',
    });
    const [row] = await store.sql.query<{ actor: string; source: string }>(
      `SELECT actor, source FROM interactions WHERE customer_id = 9001 ORDER BY id DESC LIMIT 1`,
    );
    expect(row).toEqual({ actor: 'ava', source: 'slack' });
    await store.sql.query(`UPDATE collectors SET teams_user_id = 'aad-hiro' WHERE code = 'hiro'`);
    const teams = await runCommand(
      { store, now: () => NOW },
      {
        command: 'logcall',
        text: 'TESTA na',
        user: { platform: 'teams', id: 'aad-hiro' },
        idempotencyKey: 'act-1',
      },
    );
    expect(teams.title).toBe('Recorded: No answer from Testa Foods (TESTA)');
  });

  it.each([
    [
      'a NUL',
      'logcall TESTCO note a\u0000b',
      /contains a NUL character \(\\0\) at position 14, which cannot be stored/,
    ],
    [
      'an unpaired surrogate',
      'logcall TESTCO note a\ud800b',
      /contains a broken character \(an unpaired UTF-16 surrogate/,
    ],
  ])('refuses %s with a message and records nothing', async (_, line, message) => {
    const before = await count(store, 'interactions');
    const reply = await run(line);
    expect(reply).toMatchObject({ tone: 'error', title: expect.stringMatching(message) });
    expect(reply.title).not.toMatch(/went wrong/);
    expect(await count(store, 'interactions')).toBe(before);
  });

  it('refuses a pasted novel in one line', async () => {
    const reply = await run(`logcall TESTCO note ${'x'.repeat(20_000)}`);
    expect(reply).toMatchObject({ tone: 'error', title: expect.stringMatching(/at most 10000/) });
  });

  it('lets a collector log a covering call on a colleague account and says whose it is', async () => {
    const reply = await run('logcall TESTA no answer', { as: 'ava' });
    expect(reply.lines).toContain("Testa Foods is Hiro Okafor's account; logged as a covering call.");
  });

  it('refuses assign to a collector and lets a manager do it', async () => {
    const refused = await run('assign TESTA to ava', { as: 'ava' });
    expect(refused).toMatchObject({ tone: 'error', title: 'Only managers can assign accounts.' });
    const done = await run('assign TESTA to ava', { as: 'morgan' });
    expect(done.title).toBe('Assigned Testa Foods (TESTA) to Ava Diaz (was Hiro Okafor)');
    expect(await count(store, `customers WHERE id = 9002 AND collector_id = 1`)).toBe(1);
    expect(await count(store, `audit_events WHERE action = 'customer.assign'`)).toBe(1);
    const undone = await run('undo', { as: 'morgan' });
    expect(undone.title).toMatch(/^Undone: Assigned Testa Foods/);
    expect(await count(store, `customers WHERE id = 9002 AND collector_id = 2`)).toBe(1);
  });
});

describe('logcall effects', () => {
  it('records a promise for the overdue balance when no amount is said', async () => {
    const reply = await run('logcall testco promised 6/1');
    expect(reply.title).toBe('Recorded: Tessellate Widgets (TESTCO) promised $3,000.00 by Tue 1 Jun 2027');
    expect(reply.actions).toEqual([{ kind: 'undo', label: 'Undo', token: expect.stringMatching(/^\d+$/) }]);
    const [p] = await store.sql.query(
      `SELECT amount::text AS amount, due_on::text AS due_on, status::text AS status, actor, source FROM promises
        WHERE interaction_id = $1`,
      [Number((reply.actions![0] as { token: string }).token)],
    );
    expect(p).toEqual({
      amount: '3000.00',
      due_on: '2027-06-01',
      status: 'open',
      actor: 'ava',
      source: 'console',
    });
  });

  it('asks before recording a promise beyond the horizon, and records it when confirmed', async () => {
    const ask = await run('logcall TESTCO ptp 1k 12/30');
    expect(ask.tone).toBe('warning');
    expect(ask.title).toMatch(/216 days away/);
    const yes = ask.actions?.[0];
    expect(yes).toMatchObject({ kind: 'command', command: 'logcall TESTCO ptp 1k 12/30 --yes' });
    const done = await run((yes as { command: string }).command);
    expect(done.title).toBe('Recorded: Tessellate Widgets (TESTCO) promised $1,000.00 by Thu 30 Dec 2027');
  });

  it('refuses a promise in the past and records nothing', async () => {
    const before = await count(store, 'interactions');
    const reply = await run('logcall TESTCO promised 5/20/27');
    expect(reply).toMatchObject({ tone: 'error', title: expect.stringMatching(/is in the past/) });
    expect(await count(store, 'interactions')).toBe(before);
  });

  it('disputes an invoice and pauses its dunning; undo resumes it', async () => {
    const reply = await run('logcall TESTCO disputed inv T1002 wrong price');
    expect(reply.title).toBe(
      'Recorded: Tessellate Widgets (TESTCO) disputes INV-T1002 — dunning paused on it',
    );
    expect(await count(store, `invoices WHERE number = 'INV-T1002' AND disputed`)).toBe(1);
    expect(
      await count(
        store,
        `disputes WHERE invoice_id IS NOT NULL AND reason = 'wrong price' AND status = 'open'`,
      ),
    ).toBe(1);
    await run('undo');
    expect(await count(store, `invoices WHERE number = 'INV-T1002' AND disputed`)).toBe(0);
    expect(await count(store, `disputes WHERE reason = 'wrong price' AND status = 'cancelled'`)).toBe(1);
  });

  it('says which invoices exist when the one named is not the customer', async () => {
    const reply = await run('logcall TESTCO disputed INV-T2001');
    expect(reply.title).toBe("Tessellate Widgets (TESTCO) has no invoice 'INV-T2001'.");
    expect(reply.lines?.[0]).toMatch(/INV-T1002, INV-T1001/);
  });

  it('records a plan of instalments, each a promise', async () => {
    const reply = await run('logcall TESTA plan 1,500 in 3 monthly from 6/15');
    expect(reply.table?.rows).toEqual([
      ['1', 'Tue 15 Jun 2027', '$500.00'],
      ['2', 'Thu 15 Jul 2027', '$500.00'],
      ['3', 'Sun 15 Aug 2027', '$500.00'],
    ]);
    expect(await count(store, `payment_plans WHERE customer_id = 9002 AND status = 'active'`)).toBe(1);
    expect(await count(store, `promises WHERE customer_id = 9002 AND plan_id IS NOT NULL`)).toBe(3);
    const account = await run('account TESTA');
    expect(account.lines?.join('\n')).toMatch(
      /Plan: \$1,500\.00 in 3 monthly instalments — 0 kept; next \$500\.00 on Tue 15 Jun 2027/,
    );
  });

  it('records a callback date and a claimed payment without touching the ledger', async () => {
    await run('logcall TESTCO callback tuesday 2pm ask for Jane');
    const [cb] = await store.sql.query(
      `SELECT on_date::text AS on_date, note, details->>'time' AS time FROM interactions WHERE outcome = 'callback' AND customer_id = 9001`,
    );
    expect(cb).toEqual({ on_date: '2027-06-01', note: 'ask for Jane', time: '14:00' });
    const payments = await count(store, 'payments');
    const paid = await run('logcall TESTCO paid 4,000 yesterday ref 8812');
    expect(paid.title).toBe(
      'Recorded: Tessellate Widgets (TESTCO) says it paid $4,000.00 on Thu 27 May 2027 (ref 8812)',
    );
    expect(await count(store, 'payments')).toBe(payments);
    expect(
      await count(store, `interactions WHERE outcome = 'paid' AND amount = 4000 AND reference = '8812'`),
    ).toBe(1);
  });

  it('stores markup and SQL-looking notes verbatim', async () => {
    const note = `<b>hi</b> '); DROP TABLE customers; -- *bold* <@U1> “q” 🙏`;
    await run(`logcall TESTCO note ${note}`);
    expect(await count(store, 'interactions WHERE note = $1', [note])).toBe(1);
    expect(await count(store, 'customers')).toBeGreaterThan(0);
  });
});

describe('time zones', () => {
  it("reads 'today' in each collector's own zone", async () => {
    const lateEvening = new Date('2027-05-29T04:30:00Z'); // 23:30 Fri in Chicago, 00:30 Sat in New York
    const hiro = await run('logcall TESTA promised 100 today', { as: 'hiro', now: lateEvening });
    expect(hiro.title).toMatch(/by Fri 28 May 2027$/);
    const ava = await run('logcall TESTCO promised 100 today', { as: 'ava', now: lateEvening });
    expect(ava.title).toMatch(/by Sat 29 May 2027$/);
    await run('undo', { as: 'hiro', now: lateEvening });
    await run('undo', { as: 'ava', now: lateEvening });
  });
});

describe('customers that are not one', () => {
  it('suggests the closest customer, with a button that re-runs the line', async () => {
    const reply = await run('logcall TESTCOO promised 6/1');
    expect(reply.title).toBe("no customer matches 'TESTCOO' — did you mean Tessellate Widgets (TESTCO)?");
    expect(reply.actions?.[0]).toEqual({
      kind: 'command',
      label: 'Tessellate Widgets (TESTCO)',
      command: 'logcall TESTCO promised 6/1',
    });
  });

  it('lists the choices when a prefix matches several', async () => {
    const reply = await run('logcall test vm');
    expect(reply.actions?.map((a) => a.label)).toEqual([
      'Tessellate Widgets (TESTCO)',
      'Testa Foods (TESTA)',
    ]);
  });
});

describe('idempotency and undo', () => {
  it('records the same request once and answers it the same way', async () => {
    const before = await count(store, 'interactions');
    const first = await run('logcall TESTCO no answer', { key: 'retry-1' });
    const again = await run('logcall TESTCO no answer', { key: 'retry-1' });
    expect(again).toEqual(first);
    const racing = await Promise.all([1, 2, 3].map(() => run('logcall TESTCO vm', { key: 'race-1' })));
    for (const reply of racing) expect(reply).toEqual(racing[0]);
    expect(await count(store, 'interactions')).toBe(before + 2);
  });

  it('undoes only within the window and never deletes', async () => {
    const logged = await run('logcall TESTCO promised 2k 6/2', { as: 'hiro' });
    const promiseId = await store.sql.query<{ id: number }>(
      `SELECT id FROM promises WHERE interaction_id = $1`,
      [Number((logged.actions![0] as { token: string }).token)],
    );
    const late = await run('undo', { as: 'hiro', now: minutes(16) });
    expect(late.title).toMatch(/Too late to undo/);
    const before = await count(store, 'interactions');
    const undone = await run('undo', { as: 'hiro', now: minutes(5) });
    expect(undone.title).toBe('Undone: Tessellate Widgets (TESTCO) promised $2,000.00 by Wed 2 Jun 2027');
    expect(await count(store, 'interactions')).toBe(before + 1);
    expect(await count(store, `promises WHERE id = $1 AND status = 'cancelled'`, [promiseId[0]!.id])).toBe(1);
    const token = (logged.actions![0] as { token: string }).token;
    expect((await run(`undo ${token}`, { as: 'hiro', now: minutes(6) })).title).toMatch(/^Already undone/);
    expect((await run(`undo ${token}`, { as: 'ava', now: minutes(6) })).title).toBe(
      'That change is not yours to undo.',
    );
  });
});

describe('look-ups', () => {
  it('shows an account with aging, promises and contacts', async () => {
    const reply = await run('account Tessellate');
    expect(reply.title).toBe('Tessellate Widgets (TESTCO): $5,000.00 open, $3,000.00 overdue');
    expect(reply.table?.rows[0]).toEqual(['$2,000.00', '$0.00', '$3,000.00', '$0.00', '$0.00']);
    expect(reply.lines?.join('\n')).toMatch(/Promise: \$3,000\.00 by Tue 1 Jun 2027/);
  });

  it("shows the actor's calls for today", async () => {
    const reply = await run('calls');
    expect(reply.title).toMatch(/^Ava Diaz's calls for Fri 28 May 2027: \d+, \$[\d,.]+ overdue$/);
    expect(reply.table?.columns).toEqual(['#', 'Customer', 'Overdue', 'Do', 'Why', 'Call']);
    const team = await run('calls', { as: 'morgan' });
    expect(team.title).toMatch(/^The team's calls for Fri 28 May 2027: \d+ of \d+ capacity/);
    expect(team.table?.rows.map((r) => r[0])).toEqual(['Ava Diaz (ava)', 'Hiro Okafor (hiro)']);
  });

  it('lists my promises, the overdue ones and all', async () => {
    const mine = await run('promises');
    expect(mine.title).toMatch(/^Your open promises: \d+/);
    expect(mine.table?.rows.some((r) => r[0] === 'Tessellate Widgets (TESTCO)')).toBe(true);
    expect((await run('promises all')).title).toMatch(/^The team's open promises/);
    expect((await run('promises sideways')).tone).toBe('error');
  });

  it('puts a customer on credit hold (managers) and shows it', async () => {
    expect((await run('hold TESTCO over limit')).tone).toBe('error');
    const held = await run('hold TESTCO over limit', { as: 'morgan' });
    expect(held.title).toBe('Tessellate Widgets (TESTCO) is on credit hold until paid (over limit)');
    const account = await run('account TESTCO');
    expect(account.facts?.find((f) => f.label === 'Credit hold')?.value).toMatch(/by morgan \(over limit\)/);
    expect((await run('release TESTCO', { as: 'morgan' })).title).toBe(
      'Released the credit hold on Tessellate Widgets (TESTCO)',
    );
  });

  it('answers help and unknown commands without needing a linked user', async () => {
    expect((await run('help', { platform: 'slack', as: 'U404' })).title).toBe('Callsheet commands');
    expect((await run('help logcall')).lines?.join('\n')).toMatch(/promised\|ptp \[amount\] \[by\] <date>/);
    expect((await run('frobnicate')).title).toBe("'frobnicate' is not a command.");
  });

  it.each([
    ['help constructor', 'Callsheet commands'],
    ['help __proto__', 'Callsheet commands'],
    ['__proto__', "'__proto__' is not a command."],
    ['constructor', "'constructor' is not a command."],
  ])('answers %j as words, not as the names of JavaScript objects', async (text, title) => {
    const reply = await run(text, { as: 'morgan' });
    expect(reply.title).toBe(title);
    expect(reply.lines?.every((l) => typeof l === 'string') ?? true).toBe(true);
  });

  it('never throws, whatever is typed', async () => {
    const commands = fc.constantFrom(
      'logcall',
      'account',
      'promises',
      'undo',
      'assign',
      'hold',
      'calls',
      'x',
      '',
      '__proto__',
      'constructor',
    );
    await fc.assert(
      fc.asyncProperty(commands, fc.string({ maxLength: 80 }), async (command, text) => {
        const reply = await run(`${command} ${text}`, { as: 'morgan' });
        expect(reply.title.length).toBeGreaterThan(0);
      }),
      { numRuns: 60 },
    );
  });
});

// An Undo button clicked ten times at once (a Slack double-click, a retry storm) undoes the change
// once: one undo row, one "Undone" reply, the others told it is already undone — by plain undo
// and by the button's token alike. Each case logs as a collector of its own, whose only change it
// is (a plain undo that starts after the winner committed would otherwise undo an older one).
describe('racing undo requests', () => {
  it.each([
    ['plain undo', '', 'racer1'],
    ['undo by token', 'token', 'racer2'],
  ])('%s: ten at once undo the change once', async (_, by, as) => {
    await store.sql.query(`INSERT INTO collectors (code, name) VALUES ($1, $1)`, [as]);
    const logged = await run('logcall TESTCO promised 700 by 6/3', { as });
    const undo = logged.actions?.find((a) => a.kind === 'undo');
    const id = Number(undo?.kind === 'undo' ? undo.token : Number.NaN);
    const replies = await Promise.all(
      Array.from({ length: 10 }, () => run(`undo ${by ? id : ''}`.trim(), { as })),
    );
    expect(replies.filter((r) => r.title.startsWith('Undone: '))).toHaveLength(1);
    // A plain undo that starts after the first one committed finds nothing left to undo.
    for (const r of replies.filter((r) => !r.title.startsWith('Undone: ')))
      expect(r).toMatchObject({
        tone: 'info',
        title: expect.stringMatching(/^(Already undone: |Nothing to undo)/),
      });
    expect(await count(store, `interactions WHERE outcome = 'undo' AND corrects_id = $1`, [id])).toBe(1);
    expect(await count(store, `promises WHERE interaction_id = $1 AND status = 'cancelled'`, [id])).toBe(1);
  });
});

// Commands made of the grammar's own words in random orders (dates, amounts, outcomes, plans, and
// names every JavaScript object answers to): whatever the order, the reply is a titled answer made
// of text, never the apology for an unexpected failure. Last in the file: the words change settings,
// holds and assignments.
describe('commands of random command words', () => {
  const words = fc.constantFrom(
    'logcall',
    'TESTCO',
    'TESTA',
    'promised',
    'ptp',
    'paid',
    'dispute',
    'callback',
    'plan',
    'in',
    'next',
    'at',
    'by',
    'on',
    'the',
    '5/30',
    '2027-06-01',
    '5k',
    '$1,000',
    'x3',
    'weekly',
    'monthly',
    'from',
    'friday',
    'may',
    '30',
    '30th',
    'of',
    'constructor',
    '__proto__',
    'toString',
    'inv',
    '#',
    'INV-1',
    '"',
    "'",
    'note',
    'na',
    'vm',
    'account',
    'undo',
    'hold',
    'release',
    'assign',
    'to',
    'ava',
    'help',
    'settings',
    'set',
    'reset',
    'policy.oldestShare',
    '0.2',
    'bind',
    'digests',
    'sheet',
    'promises',
    'all',
    'mine',
    'overdue',
    '-5',
    '1e309',
    'NaN',
    'Infinity',
    '€5',
    'EUR',
    'tomorrow',
    'today',
    'yesterday',
    'ago',
    'days',
    'week',
    'noon',
    'pm',
    '12:99',
    '25:00',
  );
  it('answers any sequence of command words with a titled reply, never an unexpected failure', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(words, { maxLength: 9 }),
        fc.constantFrom('morgan', 'ava'),
        async (ws, as) => {
          const reply = await run(ws.join(' '), { as });
          expect(typeof reply.title).toBe('string');
          expect(reply.title.length).toBeGreaterThan(0);
          expect(reply.title).not.toMatch(/Something went wrong/);
          for (const l of reply.lines ?? []) expect(typeof l).toBe('string');
        },
      ),
      { numRuns: 300 },
    );
  }, 120_000);
});
