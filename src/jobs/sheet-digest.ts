// Each collector's call sheet at their local morning (digestTime in their zone) on business days.
// Period key: "<collector>:<local date>", so a DST change or a restart can neither skip nor repeat it.
import { z } from 'zod';
import { activeRecipients } from './collectors.ts';
import type { DuePeriods, Job, JobContext, SheetBuilder } from './job.ts';
import { dailyState, isBusinessDay } from './schedule.ts';

const payloadSchema = z.object({ collector: z.string(), asOf: z.string() });

/** Due periods of a morning job for each recipient `who` picks. */
export async function morningPeriods(
  ctx: JobContext,
  who: (role: 'collector' | 'manager') => boolean,
): Promise<DuePeriods> {
  const s = ctx.settings;
  const out: Required<DuePeriods> = { due: [], missed: [] };
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
  return {
    id: 'sheet',
    due: (ctx) => morningPeriods(ctx, (role) => role === 'collector'),
    async run(ctx, payload) {
      const { collector, asOf } = payloadSchema.parse(payload);
      const set = await buildSheets(ctx.deps, { asOf, collectorCode: collector });
      const sheet = set.sheets.find((s) => s.collector.code === collector);
      if (!sheet) return { delivered: false, reason: 'no sheet for this collector' };
      return ctx.publisher.postSheet(sheet);
    },
  };
}

export function managerSummaryJob(buildSheets: SheetBuilder): Job {
  return {
    id: 'summary',
    due: (ctx) => morningPeriods(ctx, (role) => role === 'manager'),
    async run(ctx, payload) {
      const { asOf } = payloadSchema.parse(payload);
      const set = await buildSheets(ctx.deps, { asOf });
      return ctx.publisher.postSummary(set.summary);
    },
  };
}
