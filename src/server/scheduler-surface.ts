// The scheduler as a `callsheet serve` surface: posts through every surface that has a publisher
// (Slack, Teams), or prints to the console when neither is configured.

import { sendOutreachBatch } from '../app/outreach/send-batch.ts';
import { sendFollowUps } from '../app/outreach/send-follow-ups.ts';
import { defaultJobs } from '../jobs/default-jobs.ts';
import type { OutreachSender } from '../jobs/outreach-send.ts';
import { createScheduler, type Scheduler } from '../jobs/scheduler.ts';
import { publishersOf } from './publishers.ts';
import { mailDeps, outreachChatOptions } from './smtp-mailer.ts';
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
        jobs: defaultJobs(publishers, outreachSender(ctx.config)),
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

/** The outreach jobs' SMTP set-up, when a mail server is configured (else no outreach jobs). */
function outreachSender(config: Parameters<typeof mailDeps>[0]): OutreachSender | undefined {
  if (!config.SMTP_URL || !config.OUTREACH_FROM) return undefined;
  const withMail = async <T>(fn: (mail: ReturnType<typeof mailDeps>) => Promise<T>) => {
    const mail = mailDeps(config);
    try {
      return await fn(mail);
    } finally {
      mail.mailer.close();
    }
  };
  const actor = { code: 'system', source: 'scheduler' as const };
  return {
    chat: outreachChatOptions(config),
    batch: (ctx, asOf) =>
      withMail(async (mail) => {
        const r = await sendOutreachBatch(ctx.deps, mail, { asOf, actor, maxWaitMs: 60_000 });
        return { sent: r.drain.sent, failed: r.drain.failed.length, waiting: r.drain.waiting };
      }),
    followUps: (ctx) =>
      withMail(async (mail) => {
        const r = await sendFollowUps(ctx.deps, mail, actor);
        return { queued: r.queued, skipped: r.skipped };
      }),
  };
}
