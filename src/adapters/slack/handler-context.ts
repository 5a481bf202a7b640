// What every Slack handler gets: the use-case deps, the core port, the paced/retrying Web API
// caller, the logger and the background-work tracker.
import { createHash } from 'node:crypto';
import type { ChatCore } from '../../app/chat-core.ts';
import { errorReply, failureReply } from '../../app/commands/replies.ts';
import type { AppDeps } from '../../app/deps.ts';
import type { Reply } from '../../app/reply.ts';
import { reportFailure } from '../../app/report-failure.ts';
import type { Logger } from '../../shared/logger.ts';
import type { BackgroundWork } from './answer-in-time.ts';
import type { SlackCaller } from './slack-caller.ts';

export interface SlackHandlerContext {
  deps: AppDeps;
  core: ChatCore;
  caller: SlackCaller;
  log: Logger;
  background: BackgroundWork;
  /** How long a handler waits for the answer before acking without it. */
  ackBudgetMs: number;
}

/** A stable key for a request, so Slack's retries of it record once. */
export function requestKey(kind: string, stable: string | undefined, body: unknown): string {
  if (stable) return `${kind}:${stable}`;
  return `${kind}:${createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 32)}`;
}

/** The reply to a request that failed unexpectedly (logged), or while the database was away (warned). */
export function failedRequestReply(
  ctx: SlackHandlerContext,
  err: unknown,
  context: Record<string, unknown>,
): Reply {
  reportFailure(ctx.log, err, context, 'Slack request failed');
  return failureReply(err);
}

export { errorReply, failureReply };
