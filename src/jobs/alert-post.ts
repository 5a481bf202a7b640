// Posts each new alert to the alerts channel once, and again once when a snooze runs out.
// Acknowledged and still-snoozed alerts are not posted; an alert acknowledged between the scan and
// the post is skipped.
import { listAlerts } from '../app/list-alerts.ts';
import type { Job } from './job.ts';

/** Alerts older than this are not posted when the scheduler first starts: no flood of old news. */
const RECENT_MS = 2 * 86_400_000;

export const alertPostJob: Job = {
  id: 'alert-post',
  async due(ctx) {
    const since = new Date(ctx.now.getTime() - RECENT_MS).toISOString();
    const rows = await ctx.deps.store.sql.query<{ id: number; reopened: string | null }>(
      `SELECT id, CASE WHEN status = 'snoozed' THEN to_char(snoozed_until AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') END AS reopened
         FROM alerts
        WHERE (status = 'open' AND created_at >= $1::timestamptz AND created_at <= $2::timestamptz)
           OR (status = 'snoozed' AND snoozed_until <= $2::timestamptz AND snoozed_until >= $1::timestamptz)
        ORDER BY id`,
      [since, ctx.now.toISOString()],
    );
    return {
      due: rows.map((r) => ({
        periodKey: r.reopened ? `${r.id}:after-snooze:${r.reopened}` : String(r.id),
        payload: { alertId: r.id },
      })),
    };
  },
  async run(ctx, payload) {
    const [alert] = await listAlerts({ ...ctx.deps, now: () => ctx.now }, { ids: [Number(payload.alertId)] });
    if (alert?.status !== 'open') return { delivered: false, reason: `alert is ${alert?.status ?? 'gone'}` };
    return ctx.publisher.postAlert(alert);
  },
};
