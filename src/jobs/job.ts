// What a scheduled job is: an id, which periods are due at an instant, and what running one does.
// The scheduler turns due periods into ledger rows and runs each exactly once (src/jobs/ledger.ts).
import type { AppDeps } from '../app/deps.ts';
import type { ChatPublisher } from '../app/publisher.ts';
import type { CallSheet, ManagerSummary } from '../app/sheet-model.ts';
import type { IsoDate } from '../domain/calendar.ts';
import type { DueRun } from './ledger.ts';
import type { ScheduleSettings } from './schedule-settings.ts';

export interface JobContext {
  deps: AppDeps;
  publisher: ChatPublisher;
  settings: ScheduleSettings;
  /** The tick's instant (the injected clock), the same for every job of one tick. */
  now: Date;
}

export interface DuePeriods {
  due: Omit<DueRun, 'job'>[];
  /** Periods past their catch-up cut-off that never ran: recorded as missed, never run. */
  missed?: Omit<DueRun, 'job'>[];
}

export interface Job {
  id: string;
  due(ctx: JobContext): Promise<DuePeriods>;
  /** Does the work for one period; throws to have it retried. The result goes into the ledger. */
  run(ctx: JobContext, payload: Record<string, unknown>): Promise<unknown>;
}

/** The engine's use case (src/app/build-call-sheets.ts), injected so the jobs build without it. */
export type SheetBuilder = (
  deps: AppDeps,
  input: { asOf?: IsoDate; collectorCode?: string },
) => Promise<{ sheets: CallSheet[]; summary: ManagerSummary }>;

/** The command core's daily promise evaluation (src/app/evaluate-promises.ts). */
export type PromiseEvaluator = (deps: AppDeps, input: { asOf?: IsoDate }) => Promise<unknown>;
