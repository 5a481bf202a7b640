// The scheduler as a `callsheet serve` surface: posts through every surface that has a publisher
// (Slack, Teams), or prints to the console when neither is configured.

import { defaultJobs } from '../jobs/default-jobs.ts';
import { createScheduler, type Scheduler } from '../jobs/scheduler.ts';
import { publishersOf } from './publishers.ts';
import type { SurfaceFactory } from './surface.ts';

export const schedulerSurfaceFactory: SurfaceFactory = async (ctx) => {
  let scheduler: Scheduler | undefined;
  return {
    name: 'scheduler',
    async start() {
      const publishers = publishersOf(ctx.surfaces ?? [], (text) => process.stdout.write(text));
      scheduler = createScheduler({
        deps: ctx.deps,
        publisher: publishers[0]!,
        jobs: defaultJobs(publishers),
        log: ctx.log,
      });
      await scheduler.start();
    },
    async stop() {
      await scheduler?.stop();
    },
    health() {
      const state = scheduler?.health();
      // Down when not running, or when its last tick failed (the database, a job's own query).
      const up = !!state?.running && state.lastTickOk !== false;
      return { status: up ? 'up' : 'down', ...(state ?? { running: false }) };
    },
  };
};
