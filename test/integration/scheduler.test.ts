// The exactly-once scheduler on a real database with an injected clock: simulated weeks run in
// seconds. On Postgres the two schedulers use two connection pools, as two replicas would; PGlite is
// one in-process database, so there they share it and interleave at every query instead.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatPublisher, PostResult } from '../../src/app/publisher.ts';
import { SCHEDULE_SETTINGS } from '../../src/app/schedule-settings.ts';
import type { CallSheet } from '../../src/app/sheet-model.ts';
import { addDays, weekday } from '../../src/domain/calendar.ts';
import type { SheetBuilder } from '../../src/jobs/job.ts';
import { listRuns } from '../../src/jobs/ledger.ts';
import { PgRunCoordinator } from '../../src/jobs/run-coordinator.ts';
import { localClock } from '../../src/jobs/schedule.ts';
import { createScheduler } from '../../src/jobs/scheduler.ts';
import { sheetDigestJob } from '../../src/jobs/sheet-digest.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { enableMetrics } from '../../src/shared/metrics.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { writeSettings } from '../../src/store/settings.ts';
import { openTestStore, type TestStore } from '../support/test-store.ts';

let store: TestStore;
let replica: Store; // a second process's view of the same database (Postgres), or the same store (PGlite)
const log = createLogger('silent');
const ZONES = { ny: 'America/New_York', ber: 'Europe/Berlin', syd: 'Australia/Sydney' } as const;

beforeAll(async () => {
  store = await openTestStore();
  replica = store.url ? await openStore({ databaseUrl: store.url, migrations: 'check' }) : store;
  for (const [code, zone] of Object.entries(ZONES)) {
    await store.sql.query(`INSERT INTO collectors (code, name, time_zone) VALUES ($1, $2, $3)`, [
      code,
      code.toUpperCase(),
      zone,
    ]);
  }
});
afterAll(async () => {
  if (replica && replica !== store) await replica.close();
  await store?.close();
});
beforeEach(async () => {
  await store.sql.exec(`DELETE FROM job_runs; DELETE FROM settings WHERE key = 'schedule'`);
});

/** A sheet per collector, enough for the job; the engine builds the real ones. */
const fakeSheets: SheetBuilder = async (_deps, input) => ({
  sheets: [
    {
      asOf: input.asOf ?? '',
      collector: { id: 1, code: input.collectorCode ?? '', name: '', timeZone: 'UTC', dailyCapacity: 25 },
      rows: [],
      display: { base: 'USD', locale: 'en-US' },
      refused: [],
      summary: { calls: 0, overdueCents: 0, overdueByCurrency: [], escalations: 0, promisesDueToday: 0 },
    } satisfies CallSheet,
  ],
  summary: {} as never,
});

interface Post {
  key: string;
  at: Date;
}
/** Records every completed post; `fail(n)` makes the next n posts throw, `hang()` the next one never return. */
function recordingPublisher(clock: () => Date) {
  const posts: Post[] = [];
  let failures = 0;
  let hangs = 0;
  let entered: () => void = () => {};
  const publisher: ChatPublisher = {
    platform: 'console',
    async postSheet(sheet): Promise<PostResult> {
      if (hangs > 0) {
        hangs--;
        entered();
        return new Promise(() => {});
      }
      if (failures > 0) {
        failures--;
        throw new Error('chat service answered 503');
      }
      posts.push({ key: `${sheet.collector.code}:${sheet.asOf}`, at: clock() });
      return { delivered: true, target: `test:${sheet.collector.code}` };
    },
    postSummary: async () => ({ delivered: false }),
    postAlert: async () => ({ delivered: false }),
    postAlertRollup: async () => ({ delivered: false }),
  };
  const hang = () => {
    hangs = 1;
    return new Promise<void>((resolve) => {
      entered = resolve;
    });
  };
  return { publisher, posts, fail: (n: number) => (failures = n), hang };
}

function schedulerOn(s: Store, publisher: ChatPublisher) {
  return createScheduler({
    deps: { store: s, now: () => new Date(0) },
    publisher,
    jobs: [sheetDigestJob(fakeSheets)],
    log,
  });
}

const counts = (posts: Post[]) => {
  const by = new Map<string, number>();
  for (const p of posts) by.set(p.key, (by.get(p.key) ?? 0) + 1);
  return by;
};

describe('morning sheets, exactly once', () => {
  it('posts each (collector, business day) once over three simulated weeks across both DST changes, with two schedulers racing', async () => {
    let now = new Date('2027-03-08T00:00:00Z');
    const rec = recordingPublisher(() => now);
    const a = schedulerOn(store, rec.publisher);
    const b = schedulerOn(replica, rec.publisher);
    const end = new Date('2027-03-31T23:59:00Z');
    for (; now <= end; now = new Date(now.getTime() + 30 * 60_000)) {
      await Promise.all([a.tick(now), b.tick(now)]);
    }
    const by = counts(rec.posts);
    expect([...by.values()].every((n) => n === 1)).toBe(true);
    // Every business day of the weeks fully inside the run was posted, in every zone, on time.
    for (const [code, zone] of Object.entries(ZONES)) {
      for (let d = '2027-03-09'; d <= '2027-03-30'; d = addDays(d, 1)) {
        const wd = weekday(d);
        expect(by.get(`${code}:${d}`), `${code} ${d}`).toBe(wd === 0 || wd === 6 ? undefined : 1);
      }
      for (const p of rec.posts.filter((x) => x.key.startsWith(`${code}:`) && x.key > `${code}:2027-03-08`)) {
        const local = localClock(p.at, zone);
        expect(local.minutes, `${p.key} posted at local ${local.minutes}`).toBeGreaterThanOrEqual(8 * 60);
        expect(local.minutes).toBeLessThan(8 * 60 + 30);
      }
    }
  }, 300_000); // ~2,200 ticks; slow only on a loaded machine

  it('catches up after a late start, never twice, and records a morning missed past the cut-off', async () => {
    let now = new Date('2027-05-28T14:30:00Z'); // 10:30 in New York, 16:30 in Berlin, 00:30 Saturday in Sydney
    const rec = recordingPublisher(() => now);
    const succeeded = async () =>
      (await enableMetrics().jobRuns.get()).values
        .filter((v) => v.labels.outcome === 'succeeded')
        .reduce((n, v) => n + v.value, 0);
    const before = await succeeded();
    await schedulerOn(store, rec.publisher).tick(now);
    expect(rec.posts.map((p) => p.key)).toEqual(['ny:2027-05-28']);
    expect(await succeeded()).toBeGreaterThan(before); // counted for /metrics
    // A restart (a new instance) and later ticks post nothing more.
    now = new Date('2027-05-28T15:00:00Z');
    await schedulerOn(replica, rec.publisher).tick(now);
    await schedulerOn(store, rec.publisher).tick(new Date('2027-05-28T15:10:00Z'));
    expect(rec.posts).toHaveLength(1);
    const missed = await listRuns(store.sql, { limit: 10, failedOnly: true });
    expect(missed).toEqual([
      expect.objectContaining({
        periodKey: 'ber:2027-05-28',
        status: 'failed',
        lastError: expect.stringMatching(/^missed/),
      }),
    ]);
  });

  it('follows the digest time, business days and holidays from the settings', async () => {
    await writeSettings(
      store.sql,
      SCHEDULE_SETTINGS,
      { digestTime: '09:30', holidays: ['2027-05-28'] },
      { actor: 't', source: 'cli' },
    );
    const rec = recordingPublisher(() => new Date());
    const s = schedulerOn(store, rec.publisher);
    await s.tick(new Date('2027-05-28T14:00:00Z')); // 10:00 New York, but a holiday
    await s.tick(new Date('2027-05-31T13:00:00Z')); // Monday 09:00 New York: not yet
    expect(rec.posts).toEqual([]);
    await s.tick(new Date('2027-05-31T13:30:00Z'));
    expect(rec.posts.map((p) => p.key)).toEqual(['ny:2027-05-31']);
  });
});

describe('failures', () => {
  it('retries a failed post with backoff on the injected clock and records every attempt', async () => {
    const t0 = new Date('2027-05-28T12:00:00Z');
    const rec = recordingPublisher(() => t0);
    const s = schedulerOn(store, rec.publisher);
    rec.fail(2);
    const first = await s.tick(t0);
    expect(first.ran).toEqual([
      expect.objectContaining({ periodKey: 'ny:2027-05-28', ok: false, attempt: 1 }),
    ]);
    expect((await s.tick(new Date(t0.getTime() + 59_000))).ran).toEqual([]); // backoff: 60 s
    expect((await s.tick(new Date(t0.getTime() + 60_000))).ran).toEqual([
      expect.objectContaining({ ok: false, attempt: 2 }),
    ]);
    expect((await s.tick(new Date(t0.getTime() + 179_000))).ran).toEqual([]); // then 120 s
    expect((await s.tick(new Date(t0.getTime() + 180_000))).ran).toEqual([
      expect.objectContaining({ ok: true, attempt: 3 }),
    ]);
    expect(rec.posts).toHaveLength(1);
    const [run] = await listRuns(store.sql, { limit: 1, job: 'sheet' });
    expect(run).toMatchObject({ status: 'succeeded', attempts: 3, lastError: null });
  });

  it('gives up after the last attempt and reports the failure in the ledger', async () => {
    await writeSettings(
      store.sql,
      SCHEDULE_SETTINGS,
      { maxAttempts: 2, retryBaseSeconds: 10 },
      { actor: 't', source: 'cli' },
    );
    const t0 = new Date('2027-05-28T12:00:00Z');
    const rec = recordingPublisher(() => t0);
    const s = schedulerOn(store, rec.publisher);
    rec.fail(5);
    for (let i = 0; i < 10; i++) await s.tick(new Date(t0.getTime() + i * 60_000));
    expect(rec.posts).toEqual([]);
    const failed = await listRuns(store.sql, { limit: 5, failedOnly: true });
    expect(failed.find((r) => r.periodKey === 'ny:2027-05-28')).toMatchObject({
      attempts: 2,
      lastError: 'chat service answered 503',
      nextAttemptAt: null,
    });
  });

  it('takes over a run whose process died mid-post once its lease runs out, and posts it once', async () => {
    const t0 = new Date('2027-05-28T12:00:00Z');
    const rec = recordingPublisher(() => t0);
    const inPost = rec.hang(); // the first instance is "killed" inside its post: it never answers
    void schedulerOn(store, rec.publisher).tick(t0);
    await inPost;
    const restarted = schedulerOn(replica, rec.publisher);
    expect((await restarted.tick(new Date(t0.getTime() + 5 * 60_000))).ran).toEqual([]); // still leased
    const after = await restarted.tick(new Date(t0.getTime() + 10 * 60_000));
    expect(after.ran).toEqual([
      expect.objectContaining({ periodKey: 'ny:2027-05-28', ok: true, attempt: 2 }),
    ]);
    expect(counts(rec.posts)).toEqual(new Map([['ny:2027-05-28', 1]]));
  });
});

describe('run coordinator', () => {
  it('elects exactly one of two replicas for each minute', async () => {
    const a = new PgRunCoordinator(store.sql, 'a');
    const b = new PgRunCoordinator(replica.sql, 'b');
    for (const slot of ['2027-05-28T12:00:00.000Z', '2027-05-28T12:01:00.000Z']) {
      const key = `callsheet-scheduler:${slot}`;
      const votes = await Promise.all([a.shouldRun(key), b.shouldRun(key)]);
      expect(votes.filter(Boolean)).toHaveLength(1);
    }
    expect(await a.shouldRun('callsheet-scheduler:2027-05-28T12:00:00.000Z')).toBe(false); // a past slot
  });
});
