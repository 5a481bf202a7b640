// The scheduler: every minute (node-cron, elected across replicas by the run coordinator) it asks
// each job which periods are due, records them in the ledger, and runs the ones it can claim. The
// ledger, not the timer, makes each post exactly once: a tick that runs twice, on two replicas or
// after a restart, finds the period settled or claimed and does nothing.
import cron, { type ScheduledTask } from 'node-cron';
import type { AppDeps } from '../app/deps.ts';
import type { ChatPublisher } from '../app/publisher.ts';
import { reportFailure } from '../app/report-failure.ts';
import { SCHEDULE_SETTINGS } from '../app/schedule-settings.ts';
import type { Logger } from '../shared/logger.ts';
import { countJobRun } from '../shared/metrics.ts';
import { readSettings } from '../store/settings.ts';
import { retryOnceIfConnectionLost } from '../store/sql-errors.ts';
import type { Job, JobContext } from './job.ts';
import { claimRuns, ensureRuns, failRun, recordMissed, succeedRun } from './ledger.ts';
import { PgRunCoordinator } from './run-coordinator.ts';
import { retryDelayMs } from './schedule.ts';

export interface SchedulerOptions {
  deps: AppDeps;
  publisher: ChatPublisher;
  jobs: Job[];
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Names this instance in the coordinator row (host:pid by default). */
  instance?: string;
}

export interface TickReport {
  ran: { job: string; periodKey: string; attempt: number; ok: boolean; error?: string }[];
  missed: number;
}

export interface Scheduler {
  /** One pass over every job at the clock's instant (or `now`); safe to run concurrently anywhere. */
  tick(now?: Date): Promise<TickReport>;
  /** Starts the per-minute node-cron task and runs one catch-up tick at once. */
  start(): Promise<void>;
  /** Stops the timer and waits for the tick in progress. */
  stop(): Promise<void>;
  /** For /healthz: whether the timer runs, and how this process's last tick went. */
  health(): SchedulerHealth;
}

export interface SchedulerHealth {
  running: boolean;
  /** ISO time of the last tick this process finished (replicas take turns), or null. */
  lastTickAt: string | null;
  /** Whether that tick got through (a failed one is retried by the next). */
  lastTickOk: boolean | null;
}

const CLAIM_BATCH = 50;

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { deps, publisher, jobs, log } = options;
  const conn = deps.store.sql;
  let task: ScheduledTask | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const state: SchedulerHealth = { running: false, lastTickAt: null, lastTickOk: null };
  const finished = (ok: boolean) => {
    state.lastTickAt = new Date().toISOString();
    state.lastTickOk = ok;
  };

  async function tick(now: Date = deps.now()): Promise<TickReport> {
    const settings = await readSettings(conn, SCHEDULE_SETTINGS);
    const ctx: JobContext = { deps: { ...deps, now: () => now }, publisher, settings, now };
    const report: TickReport = { ran: [], missed: 0 };
    // Job by job, in order: promises are evaluated before the scan, the scan before alerts are posted.
    for (const job of jobs) {
      const periods = await job.due(ctx);
      await ensureRuns(
        conn,
        periods.due.map((p) => ({ ...p, job: job.id })),
        now,
      );
      if (periods.missed?.length) {
        await recordMissed(
          conn,
          periods.missed.map((p) => ({ ...p, job: job.id })),
          now,
          'missed: the scheduler was not running before the catch-up cut-off',
        );
        report.missed += periods.missed.length;
      }
      for (;;) {
        const claimed = await claimRuns(conn, {
          jobs: [job.id],
          now,
          leaseMs: settings.leaseMinutes * 60_000,
          maxAttempts: settings.maxAttempts,
          limit: CLAIM_BATCH,
        });
        for (const run of claimed) {
          try {
            const result = await job.run(ctx, run.payload);
            // Marking the run is safe to repeat (only this attempt's holder can): one retry
            // after a lost connection saves a post from being made again when the lease runs out.
            await retryOnceIfConnectionLost(() => succeedRun(conn, run, now, result));
            report.ran.push({ job: run.job, periodKey: run.periodKey, attempt: run.attempt, ok: true });
            countJobRun(run.job, 'succeeded');
          } catch (err) {
            const message = err instanceof Error ? err.message : String(err);
            const last = run.attempt >= settings.maxAttempts;
            const retryAt = last
              ? null
              : new Date(now.getTime() + retryDelayMs(run.attempt, settings.retryBaseSeconds));
            await retryOnceIfConnectionLost(() => failRun(conn, run, now, message, retryAt));
            countJobRun(run.job, last ? 'gave_up' : 'failed');
            report.ran.push({
              job: run.job,
              periodKey: run.periodKey,
              attempt: run.attempt,
              ok: false,
              error: message,
            });
            log[last ? 'error' : 'warn'](
              { job: run.job, periodKey: run.periodKey, attempt: run.attempt, retryAt, err: message },
              last ? 'job failed for the last time; see `callsheet jobs --failed`' : 'job failed; will retry',
            );
          }
        }
        if (claimed.length < CLAIM_BATCH) break;
      }
    }
    return report;
  }

  const guardedTick = () => {
    const next = running.then(() =>
      // The next tick starts over from the ledger: a run left 'running' by a tick that lost the
      // database is claimed again once its lease runs out.
      tick().then(
        () => finished(true),
        (err: unknown) => {
          finished(false);
          reportFailure(log, err, {}, 'scheduler tick failed');
        },
      ),
    );
    running = next;
    return next;
  };

  return {
    tick,
    async start() {
      task = cron.schedule('* * * * *', guardedTick, {
        name: 'callsheet-scheduler',
        distributed: true,
        runCoordinator: new PgRunCoordinator(conn, options.instance ?? `${process.pid}`),
        noOverlap: true,
      });
      state.running = true;
      await guardedTick();
      log.info({ jobs: jobs.map((j) => j.id), publisher: publisher.platform }, 'scheduler started');
    },
    async stop() {
      state.running = false;
      await task?.destroy();
      await running;
    },
    health: () => ({ ...state }),
  };
}
