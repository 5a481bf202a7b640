// Daily promise evaluation (kept/broken) in the company's zone, before the morning digests, so the
// sheets and the broken-promise alerts see today's verdicts. Runs every day: promises fall due on
// weekends too. A late start still runs it the same day.
import { z } from 'zod';
import { defineJob, isoDay, type Job, type PromiseEvaluator } from './job.ts';
import { dailyState } from './schedule.ts';

export function promiseEvaluationJob(evaluatePromises: PromiseEvaluator): Job {
  return defineJob({
    id: 'promises',
    payload: z.object({ asOf: isoDay }),
    async due(ctx) {
      const s = ctx.settings;
      const { date, state } = dailyState(ctx.now, s.timeZone, s.promiseEvaluationTime, 24);
      return {
        due: state === 'due' || state === 'missed' ? [{ periodKey: date, payload: { asOf: date } }] : [],
      };
    },
    async run(ctx, payload) {
      return evaluatePromises(ctx.deps, { asOf: payload.asOf });
    },
  });
}
