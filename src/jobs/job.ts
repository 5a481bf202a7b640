// What a scheduled job is: an id, which periods are due at an instant, and what running one does.
// The scheduler turns due periods into ledger rows and runs each exactly once (src/jobs/ledger.ts).

import { z } from 'zod';
import type { AppDeps } from '../app/deps.ts';
import type { ChatPublisher } from '../app/publisher.ts';
import type { ScheduleSettings } from '../app/schedule-settings.ts';
import type { CallSheet, ManagerSummary } from '../app/sheet-model.ts';
import type { IsoDate } from '../domain/calendar.ts';
import { AppError } from '../shared/errors.ts';

export interface JobContext {
  deps: AppDeps;
  publisher: ChatPublisher;
  settings: ScheduleSettings;
  /** The tick's instant (the injected clock), the same for every job of one tick. */
  now: Date;
}

export interface DuePeriods<P = Record<string, unknown>> {
  due: { periodKey: string; payload: P }[];
  /** Periods past their catch-up cut-off that never ran: recorded as missed, never run. */
  missed?: { periodKey: string; payload: P }[];
}

/** A calendar day in a payload ('2027-05-28'). */
export const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A job as written: its payload has a schema, and `run` gets the payload parsed by it. */
export interface JobSpec<P extends Record<string, unknown>> {
  id: string;
  payload: z.ZodType<P>;
  due(ctx: JobContext): Promise<DuePeriods<P>>;
  /** Does the work for one period; throws to have it retried. The result goes into the ledger. */
  run(ctx: JobContext, payload: P): Promise<unknown>;
}

/** A job as the scheduler runs it: payloads come back from the ledger as stored JSON. */
export interface Job {
  id: string;
  due(ctx: JobContext): Promise<DuePeriods>;
  run(ctx: JobContext, payload: unknown): Promise<unknown>;
}

/** A job whose stored payload is checked against its schema before it runs (a bad one fails the run). */
export function defineJob<P extends Record<string, unknown>>(spec: JobSpec<P>): Job {
  return {
    id: spec.id,
    due: spec.due,
    run(ctx, payload) {
      const parsed = spec.payload.safeParse(payload);
      if (!parsed.success)
        throw new AppError(
          'unexpected',
          `job ${spec.id}: the stored payload does not fit: ${z.prettifyError(parsed.error).replace(/\n/g, ' ')}`,
        );
      return spec.run(ctx, parsed.data);
    },
  };
}

/** The engine's use case (src/app/build-call-sheets.ts), injected so the jobs build without it. */
export type SheetBuilder = (
  deps: AppDeps,
  input: { asOf?: IsoDate; collectorCode?: string },
) => Promise<{ sheets: CallSheet[]; summary: ManagerSummary }>;

/** The command core's daily promise evaluation (src/app/evaluate-promises.ts). */
export type PromiseEvaluator = (deps: AppDeps, input: { asOf?: IsoDate }) => Promise<unknown>;
