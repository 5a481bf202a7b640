// A lost database connection is an expected event: the backend serving a session, a transaction or
// a chat command is terminated mid-way (as pg_terminate_backend, a restart or a failover does).
// The process survives, the caller gets the failure (or a retried answer), nothing is half-written
// and the next request is served normally. PostgreSQL only: PGlite has no connection to lose.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/app/commands/run-command.ts';
import { isConnectionLost } from '../../src/store/sql-errors.ts';
import { type PgFaults, pgFaults } from '../support/pg-faults.ts';
import { openTestStore, type TestStore, testBackend } from '../support/test-store.ts';
import { addCustomers, count, NOW } from './commands/fixture.ts';

const onPostgres = testBackend() === 'postgres';
let store: TestStore;
let faults: PgFaults;

beforeAll(async () => {
  if (!onPostgres) return;
  store = await openTestStore();
  await addCustomers(store);
  faults = await pgFaults(store.url!);
});
afterAll(async () => {
  await faults?.allowConnections(true);
  await faults?.close();
  await store?.close();
});

describe.skipIf(!onPostgres)('a lost connection on PostgreSQL', () => {
  it('fails a session with a connection error instead of killing the process, then serves the next one', async () => {
    const failure = await faults
      .killMidway(['customers'], () =>
        store.sql.session((conn) => conn.query('SELECT count(*) FROM customers')),
      )
      .catch((err: unknown) => err);
    expect(isConnectionLost(failure)).toBe(true);
    expect(await store.sql.query<{ n: number }>('SELECT 1::int AS n')).toEqual([{ n: 1 }]);
  });

  it('rolls a transaction back with the error that says why, writing nothing', async () => {
    const before = await count(store, 'audit_events');
    const failure = await faults
      .killMidway(['customers'], () =>
        store.sql.transaction(async (tx) => {
          await tx.query(
            `INSERT INTO audit_events (actor, source, action, entity) VALUES ('t', 'cli', 'x', 'y')`,
          );
          await tx.query('SELECT count(*) FROM customers');
        }),
      )
      .catch((err: unknown) => err);
    expect(isConnectionLost(failure)).toBe(true);
    expect((failure as Error).message).not.toMatch(/ROLLBACK/i);
    expect(await count(store, 'audit_events')).toBe(before);
  });

  it('retries a chat command once after the connection is lost, and records it exactly once', async () => {
    const key = `lost-${Date.now()}`;
    const reply = await faults.killMidway(['interactions'], () =>
      runCommand(
        { store, now: () => NOW },
        {
          command: 'logcall',
          text: 'TESTCO promised 500 by 6/4',
          user: { platform: 'console', id: 'ava' },
          idempotencyKey: key,
        },
      ),
    );
    expect(reply).toMatchObject({ tone: 'ok', title: expect.stringMatching(/^Recorded: /) });
    expect(await count(store, 'interactions WHERE idempotency_key = $1', [`console:${key}`])).toBe(1);
    expect(
      await count(
        store,
        `promises p JOIN interactions i ON i.id = p.interaction_id WHERE i.idempotency_key = $1`,
        [`console:${key}`],
      ),
    ).toBe(1);
  });

  it('says "try again" when the database stays away, records nothing, and works once it is back', async () => {
    const before = await count(store, 'interactions');
    await faults.allowConnections(false);
    await faults.terminateBackends();
    const request = {
      command: 'logcall',
      text: 'TESTCO no answer',
      user: { platform: 'console' as const, id: 'ava' },
      idempotencyKey: `away-${Date.now()}`,
    };
    const reported: unknown[] = [];
    const away = await runCommand(
      { store, now: () => NOW, reportError: (err) => reported.push(err) },
      request,
    );
    expect(away).toMatchObject({
      tone: 'error',
      title: expect.stringMatching(/database is not answering.*try again/i),
    });
    expect(reported.every(isConnectionLost)).toBe(true);
    await faults.allowConnections(true);
    expect(await count(store, 'interactions')).toBe(before);
    const back = await runCommand({ store, now: () => NOW }, request);
    expect(back.title).toMatch(/^Recorded: No answer/);
  });
});
