// When the outreach jobs are due: the automatic send only with outreach.autoSend (or once a manager
// approved the day in chat), the approval prompt only when sending is not automatic.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsolePublisher } from '../../../src/adapters/console/console-publisher.ts';
import { outreachSettings } from '../../../src/app/outreach/outreach-settings.ts';
import { SCHEDULE_SETTINGS } from '../../../src/app/schedule-settings.ts';
import type { JobContext } from '../../../src/jobs/job.ts';
import {
  type OutreachSender,
  outreachApprovalJob,
  outreachSendJob,
} from '../../../src/jobs/outreach-send.ts';
import { writeSettings } from '../../../src/store/settings.ts';
import { openTestStore, type TestStore } from '../../support/test-store.ts';

let store: TestStore;
const who = { actor: 'test', source: 'cli' };
const sender: OutreachSender = {
  chat: { from: null },
  batch: async () => ({ sent: 0, failed: 0, waiting: 0 }),
  followUps: async () => ({ queued: 0, skipped: 0 }),
};

function ctx(iso: string): JobContext {
  const now = new Date(iso);
  return {
    deps: { store, now: () => now },
    publisher: createConsolePublisher(() => {}),
    settings: SCHEDULE_SETTINGS.defaults,
    now,
  };
}

beforeAll(async () => {
  store = await openTestStore();
  await store.sql.query(
    `INSERT INTO collectors (code, name, role, time_zone) VALUES ('morgan', 'Morgan', 'manager', 'America/New_York')`,
  );
});
afterAll(async () => store?.close());

describe('outreach jobs', () => {
  // Friday 28 May 2027, 09:00 in New York: after the 08:00 digests.
  const morning = '2027-05-28T13:00:00Z';

  it('asks for approval after the digests when sending is not automatic, and does not send', async () => {
    expect((await outreachApprovalJob(sender).due(ctx(morning))).due).toEqual([
      { periodKey: '2027-05-28', payload: { asOf: '2027-05-28' } },
    ]);
    expect((await outreachSendJob(sender).due(ctx(morning))).due).toEqual([]);
    expect((await outreachApprovalJob(sender).due(ctx('2027-05-28T11:00:00Z'))).due).toEqual([]);
  });

  it('sends on its own with outreach.autoSend, and then asks nobody', async () => {
    await writeSettings(store.sql, outreachSettings, { autoSend: true }, who);
    expect((await outreachSendJob(sender).due(ctx(morning))).due).toEqual([
      { periodKey: '2027-05-28', payload: { asOf: '2027-05-28' } },
    ]);
    expect((await outreachApprovalJob(sender).due(ctx(morning))).due).toEqual([]);
    expect((await outreachSendJob(sender).due(ctx('2027-05-29T13:00:00Z'))).due).toEqual([]); // Saturday
    await writeSettings(store.sql, outreachSettings, { autoSend: false }, who);
  });
});
