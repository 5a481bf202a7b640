// The scheduler as a `callsheet serve` surface: posts through every surface that has a publisher
// (Slack, Teams), or prints to the console when neither is configured.
import { createConsolePublisher } from '../adapters/console/console-publisher.ts';
import type { ChatPublisher } from '../app/publisher.ts';
import type { SurfaceFactory } from '../server/surface.ts';
import { defaultJobs } from './default-jobs.ts';
import { createScheduler, type Scheduler } from './scheduler.ts';

export const schedulerSurfaceFactory: SurfaceFactory = async (ctx) => {
  let scheduler: Scheduler | undefined;
  return {
    name: 'scheduler',
    async start() {
      const found = (ctx.surfaces ?? []).flatMap((s) => (s.publisher ? [s.publisher] : []));
      const publishers: ChatPublisher[] = found.length
        ? found
        : [createConsolePublisher((text) => process.stdout.write(text))];
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
  };
};
