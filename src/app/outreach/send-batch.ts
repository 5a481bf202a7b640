// The morning batch's three answers — Send, Skip today, and the status of a day — for the CLI, the
// scheduler and the chat approval alike.
import type { IsoDate } from '../../domain/calendar.ts';
import { todayIn } from '../../domain/calendar.ts';
import { cancelQueued, countByStatus, type LedgerMessage, listMessages } from '../../store/outreach.ts';
import type { Actor, AppDeps } from '../deps.ts';
import type { MailDeps } from './mailer.ts';
import { type OutreachBatch, planOutreachBatch } from './plan-outreach-batch.ts';
import { type DrainResult, drainOutreach, queueDrafts } from './send-outreach.ts';

export interface SendBatchResult {
  batch: OutreachBatch;
  /** New ledger rows (0 on a rerun of the same day). */
  queued: number;
  drain: DrainResult;
}

export async function sendOutreachBatch(
  deps: AppDeps,
  mail: MailDeps,
  input: { asOf?: IsoDate | undefined; actor: Actor; signal?: AbortSignal; maxWaitMs?: number },
): Promise<SendBatchResult> {
  const batch = await planOutreachBatch(deps, { asOf: input.asOf, templatesDir: mail.templatesDir });
  const queued = await queueDrafts(deps, mail, batch.asOf, batch.drafts, input.actor);
  const drain = await drainOutreach(deps, mail, {
    day: batch.asOf,
    ...(input.signal ? { signal: input.signal } : {}),
    ...(input.maxWaitMs === undefined ? {} : { maxWaitMs: input.maxWaitMs }),
  });
  return { batch, queued, drain };
}

/**
 * Skip today: the day's batch is written to the ledger as cancelled, so neither a later Send nor
 * the automatic send can queue it again. Messages already sent stay sent.
 */
export async function skipOutreachDay(
  deps: AppDeps,
  mail: Pick<MailDeps, 'from' | 'templatesDir'>,
  input: { asOf?: IsoDate | undefined; actor: Actor },
): Promise<{ asOf: IsoDate; cancelled: number }> {
  const batch = await planOutreachBatch(deps, { asOf: input.asOf, templatesDir: mail.templatesDir });
  await queueDrafts(deps, mail, batch.asOf, batch.drafts, input.actor);
  return { asOf: batch.asOf, cancelled: await cancelQueued(deps.store.sql, batch.asOf, deps.now()) };
}

export interface OutreachStatus {
  day: IsoDate;
  counts: Record<string, number>;
  /** Failed, bounced and uncertain messages: each needs a person. */
  problems: LedgerMessage[];
  messages: LedgerMessage[];
}

export async function outreachStatus(deps: AppDeps, input: { day?: IsoDate }): Promise<OutreachStatus> {
  const day = input.day ?? todayIn('UTC', deps.now());
  const messages = await listMessages(deps.store.sql, { day });
  return {
    day,
    counts: await countByStatus(deps.store.sql, day),
    problems: messages.filter(
      (m) => m.status === 'failed' || m.status === 'bounced' || m.status === 'uncertain',
    ),
    messages,
  };
}
