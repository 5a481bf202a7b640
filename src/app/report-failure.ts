// How a surface logs a failure it answered for: a lost database connection is an expected event
// (a warning naming the cause, no stack), anything else an error with its details.

import type { Logger } from '../shared/logger.ts';
import { describeConnectionLoss, isConnectionLost } from '../store/sql-errors.ts';

export function reportFailure(
  log: Pick<Logger, 'warn' | 'error'>,
  err: unknown,
  context: Record<string, unknown>,
  what: string,
): void {
  if (isConnectionLost(err))
    log.warn({ ...context, reason: describeConnectionLoss(err) }, `${what}: database unavailable`);
  else log.error({ err, ...context }, what);
}
