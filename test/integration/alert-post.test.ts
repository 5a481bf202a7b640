// Posting alerts to the alerts channel through the scheduler, on a real database: each new alert
// once, and of one scan only the most urgent `postPerScan` one by one, the rest counted in one
// message — a first import can find thousands, which would bury the channel.
import { describe, expect, it } from 'vitest';
import type { AlertRollup, AlertView } from '../../src/app/alert-model.ts';
import { listAlerts } from '../../src/app/list-alerts.ts';
import type { ChatPublisher } from '../../src/app/publisher.ts';
import { ALERT_SETTINGS, scanAlerts } from '../../src/app/scan-alerts.ts';
import { alertPostJob } from '../../src/jobs/alert-post.ts';
import { createScheduler } from '../../src/jobs/scheduler.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { writeSettings } from '../../src/store/settings.ts';
import { smallDemoStore } from '../support/test-store.ts';

const TODAY = '2027-05-28';
const SCANNED = new Date(`${TODAY}T13:00:00Z`);
const demo = smallDemoStore(TODAY);

function recordingPublisher() {
  const alerts: AlertView[] = [];
  const rollups: AlertRollup[] = [];
  const publisher: ChatPublisher = {
    platform: 'console',
    postSheet: async () => ({ delivered: false }),
    postSummary: async () => ({ delivered: false }),
    postAlert: async (alert) => {
      alerts.push(alert);
      return { delivered: true, target: 'test:alerts' };
    },
    postAlertRollup: async (rollup) => {
      rollups.push(rollup);
      return { delivered: true, target: 'test:alerts' };
    },
  };
  return { publisher, alerts, rollups };
}

const schedulerWith = (publisher: ChatPublisher) =>
  createScheduler({
    deps: { store: demo(), now: () => SCANNED },
    publisher,
    jobs: [alertPostJob],
    log: createLogger('silent'),
  });

describe('alerts to the alerts channel', () => {
  it('posts the most urgent of a scan one by one and counts the rest in one message, each once', async () => {
    await writeSettings(demo().sql, ALERT_SETTINGS, { postPerScan: 5 }, { actor: 'morgan', source: 'cli' });
    const { created } = await scanAlerts({ store: demo(), now: () => SCANNED }, { asOf: TODAY });
    expect(created.length).toBeGreaterThan(10);

    const rec = recordingPublisher();
    const a = schedulerWith(rec.publisher);
    const b = schedulerWith(rec.publisher); // a second replica, racing
    for (const minutes of [1, 2, 30]) {
      const now = new Date(SCANNED.getTime() + minutes * 60_000);
      await Promise.all([a.tick(now), b.tick(now)]);
    }

    // The five most urgent, as the list orders them (critical first, order alerts first), once each.
    const mostUrgent = await listAlerts({ store: demo(), now: () => SCANNED }, { limit: 5 });
    const ids = (list: { id: number }[]) => list.map((x) => x.id).sort((x, y) => x - y);
    expect(ids(rec.alerts)).toEqual(ids(mostUrgent));

    expect(rec.rollups).toHaveLength(1);
    const [rollup] = rec.rollups;
    expect(rollup?.total).toBe(created.length - 5);
    expect(rollup?.kinds.reduce((sum, k) => sum + k.count, 0)).toBe(created.length - 5);
    expect(rollup?.scannedAt).toBe(SCANNED.toISOString());
  });

  it('counts only what is still open when the message goes out', async () => {
    const { created } = await scanAlerts({ store: demo(), now: () => SCANNED }, { asOf: TODAY });
    expect(created).toEqual([]); // nothing new: the same facts never alert twice
    await demo().sql.exec(`DELETE FROM job_runs`);
    await demo().sql.query(`UPDATE alerts SET status = 'acknowledged', acknowledged_by = 'morgan'`);
    const rec = recordingPublisher();
    await schedulerWith(rec.publisher).tick(new Date(SCANNED.getTime() + 60_000));
    expect(rec.alerts).toEqual([]);
    expect(rec.rollups).toEqual([]);
    await demo().sql.query(`DELETE FROM settings WHERE key = 'alerts'`);
  });
});
