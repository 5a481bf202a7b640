// Posts each new alert to the alerts channel once, and again once when a snooze runs out.
// Acknowledged and still-snoozed alerts are not posted; an alert acknowledged between the scan and
// the post is skipped. Of one scan's new alerts only the most urgent `postPerScan` are posted one
// by one; the rest are counted in one message, so a first import's thousands of findings do not
// bury the channel (they are all in `callsheet alerts`).

import { z } from 'zod';
import { totalOf } from '../app/alert-model.ts';
import { readMoneyDisplay } from '../app/company-settings.ts';
import { listAlerts } from '../app/list-alerts.ts';
import { ALERT_SETTINGS } from '../app/scan-alerts.ts';
import { countAlertsRankedAfter, selectAlertsToPost } from '../store/alerts/alerts-table.ts';
import { readSettings } from '../store/settings.ts';
import { defineJob, type Job } from './job.ts';

/** Alerts older than this are not posted when the scheduler first starts: no flood of old news. */
const RECENT_MS = 2 * 86_400_000;

/** One alert to post, or the roll-up of a scan's alerts ranked after the first `after`. */
const alertPostPayload = z.union([
  z.object({ alertId: z.number().int() }),
  z.object({ scannedAt: z.string(), after: z.number().int() }),
]);

export const alertPostJob: Job = defineJob({
  id: 'alert-post',
  payload: alertPostPayload,
  async due(ctx) {
    const { postPerScan } = await readSettings(ctx.deps.store.sql, ALERT_SETTINGS);
    const since = new Date(ctx.now.getTime() - RECENT_MS);
    const rows = await selectAlertsToPost(ctx.deps.store.sql, since, ctx.now);
    const due: { periodKey: string; payload: z.output<typeof alertPostPayload> }[] = rows
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
    if ('scannedAt' in payload) {
      const kinds = await countAlertsRankedAfter(ctx.deps.store.sql, payload.scannedAt, payload.after);
      const total = totalOf(kinds);
      if (!total) return { delivered: false, reason: 'no open alert left to count' };
      const { locale } = await readMoneyDisplay(ctx.deps.store.sql);
      return ctx.publisher.postAlertRollup({ scannedAt: payload.scannedAt, kinds, total, locale });
    }
    const [alert] = await listAlerts({ ...ctx.deps, now: () => ctx.now }, { ids: [payload.alertId] });
    if (alert?.status !== 'open') return { delivered: false, reason: `alert is ${alert?.status ?? 'gone'}` };
    return ctx.publisher.postAlert(alert);
  },
});
