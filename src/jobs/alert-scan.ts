// Alert scans: once a day (the detectors work on calendar days) and again whenever the data changed
// — after an import, a logged promise, a new order. The period key is "<day>:<data version>", where
// the version is read from primary keys, so checking it every minute costs a few index look-ups.

import { z } from 'zod';
import { scanAlerts } from '../app/scan-alerts.ts';
import { dataVersion } from '../store/data-version.ts';
import { defineJob, isoDay, type Job } from './job.ts';
import { localClock } from './schedule.ts';

export const alertScanJob: Job = defineJob({
  id: 'alert-scan',
  payload: z.object({ asOf: isoDay }),
  async due(ctx) {
    const { date } = localClock(ctx.now, ctx.settings.timeZone);
    const version = await dataVersion(ctx.deps.store.sql);
    return { due: [{ periodKey: `${date}:${version}`, payload: { asOf: date } }] };
  },
  async run(ctx, payload) {
    const scan = await scanAlerts({ ...ctx.deps, now: () => ctx.now }, { asOf: payload.asOf });
    return { found: scan.found.length, created: scan.created.length };
  },
});
