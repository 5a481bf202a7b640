// Posts each new alert to the alerts channel once, and again once when a snooze runs out.
// Acknowledged and still-snoozed alerts are not posted; an alert acknowledged between the scan and
// the post is skipped. Of one scan's new alerts only the most urgent `postPerScan` are posted one
// by one; the rest are counted in one message, so a first import's thousands of findings do not
// bury the channel (they are all in `callsheet alerts`).

import { totalOf } from '../app/alert-model.ts';
import { listAlerts } from '../app/list-alerts.ts';
import { ALERT_SETTINGS } from '../app/scan-alerts.ts';
import { countAlertsRankedAfter, selectAlertsToPost } from '../store/alerts.ts';
import { readSettings } from '../store/settings.ts';
import type { Job } from './job.ts';

/** Alerts older than this are not posted when the scheduler first starts: no flood of old news. */
const RECENT_MS = 2 * 86_400_000;

export const alertPostJob: Job = {
  id: 'alert-post',
  async due(ctx) {
    const { postPerScan } = await readSettings(ctx.deps.store.sql, ALERT_SETTINGS);
    const since = new Date(ctx.now.getTime() - RECENT_MS);
    const rows = await selectAlertsToPost(ctx.deps.store.sql, since, ctx.now);
    const due: { periodKey: string; payload: Record<string, unknown> }[] = rows
      .filter((r) => r.reopened || r.rank <= postPerScan)
      .map((r) => ({
        periodKey: r.reopened ? `${r.id}:after-snooze:${r.reopened}` : String(r.id),
        payload: { alertId: r.id },
      }));
    const rolledUp = new Set(rows.filter((r) => !r.reopened && r.rank > postPerScan).map((r) => r.scannedAt));
    for (const scannedAt of rolledUp)
      due.push({ periodKey: `more:${scannedAt}`, payload: { scannedAt, after: postPerScan } });
    return { due };
  },
  async run(ctx, payload) {
    if (typeof payload.scannedAt === 'string') {
      const kinds = await countAlertsRankedAfter(
        ctx.deps.store.sql,
        payload.scannedAt,
        Number(payload.after),
      );
      const total = totalOf(kinds);
      if (!total) return { delivered: false, reason: 'no open alert left to count' };
      return ctx.publisher.postAlertRollup({ scannedAt: payload.scannedAt, kinds, total });
    }
    const [alert] = await listAlerts({ ...ctx.deps, now: () => ctx.now }, { ids: [Number(payload.alertId)] });
    if (alert?.status !== 'open') return { delivered: false, reason: `alert is ${alert?.status ?? 'gone'}` };
    return ctx.publisher.postAlert(alert);
  },
};
