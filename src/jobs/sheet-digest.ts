// Each collector's call sheet at their local morning (digestTime in their zone) on business days.
// Period key: "<collector>:<local date>", so a DST change or a restart can neither skip nor repeat it.
import { z } from 'zod';
import { kpiNotes } from '../app/kpi-notes.ts';
import { isBusinessDay } from '../app/schedule-settings.ts';
import { activeRecipients } from '../store/collectors.ts';
import { type DuePeriods, defineJob, isoDay, type Job, type JobContext, type SheetBuilder } from './job.ts';
import { dailyState } from './schedule.ts';

/** Whose morning and which day: the sheet's holder (or the team's summary) as of their local date. */
const morningPayload = z.object({ collector: z.string(), asOf: isoDay });

/** Due periods of a morning job for each recipient `who` picks. */
export async function morningPeriods(
  ctx: JobContext,
  who: (role: 'collector' | 'manager') => boolean,
): Promise<DuePeriods<z.output<typeof morningPayload>>> {
  const s = ctx.settings;
  const out: Required<DuePeriods<z.output<typeof morningPayload>>> = { due: [], missed: [] };
  for (const r of await activeRecipients(ctx.deps.store.sql)) {
    if (!who(r.role)) continue;
    const { date, state } = dailyState(ctx.now, r.timeZone, s.digestTime, s.catchUpHours, (d) =>
      isBusinessDay(d, s),
    );
    const period = { periodKey: `${r.code}:${date}`, payload: { collector: r.code, asOf: date } };
    if (state === 'due') out.due.push(period);
    else if (state === 'missed') out.missed.push(period);
  }
  return out;
}

export function sheetDigestJob(buildSheets: SheetBuilder): Job {
  return defineJob({
    id: 'sheet',
    payload: morningPayload,
    due: (ctx) => morningPeriods(ctx, (role) => role === 'collector'),
    async run(ctx, { collector, asOf }) {
      const set = await buildSheets(ctx.deps, { asOf, collectorCode: collector });
      const sheet = set.sheets.find((s) => s.collector.code === collector);
      if (!sheet) return { delivered: false, reason: 'no sheet for this collector' };
      return ctx.publisher.postSheet(sheet);
    },
  });
}

export function managerSummaryJob(buildSheets: SheetBuilder): Job {
  return defineJob({
    id: 'summary',
    payload: morningPayload,
    due: (ctx) => morningPeriods(ctx, (role) => role === 'manager'),
    async run(ctx, { asOf }) {
      const set = await buildSheets(ctx.deps, { asOf });
      set.summary.notes.push(...(await kpiNotes(ctx.deps, asOf)));
      return ctx.publisher.postSummary(set.summary);
    },
  });
}
