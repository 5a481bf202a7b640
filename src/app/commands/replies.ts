// Small builders for the replies every command gives.

import { type ErrorCode, toAppError } from '../../shared/errors.ts';
import { isConnectionLost } from '../../store/sql-errors.ts';
import type { Reply, ReplyAction } from '../reply.ts';

export const errorReply = (title: string, lines: string[] = [], actions: ReplyAction[] = []): Reply => ({
  tone: 'error',
  title,
  ...(lines.length ? { lines } : {}),
  ...(actions.length ? { actions } : {}),
  private: true,
});

export const infoReply = (title: string, lines: string[] = []): Reply => ({
  tone: 'info',
  title,
  ...(lines.length ? { lines } : {}),
  private: true,
});

/** The Undo button of a recorded change; its token is the interaction id. */
export const undoAction = (interactionId: number): ReplyAction => ({
  kind: 'undo',
  label: 'Undo',
  token: String(interactionId),
});

/** What a person sees when something unexpected failed: nothing was recorded, try again. */
export const somethingWentWrongReply = (): Reply =>
  errorReply('Something went wrong on our side and nothing was recorded. Please try again.', [
    'If it keeps happening, tell your Callsheet admin (the details are in the server log).',
  ]);

/** What a person sees while the database cannot be reached (a restart, a failover). */
export const databaseUnavailableReply = (): Reply =>
  errorReply(
    'The database is not answering right now, so nothing was recorded. Please try again in a minute.',
    ['Callsheet reconnects by itself; a repeated request is recorded only once.'],
  );

/**
 * The reply for anything thrown, decided here once for every surface: a failure the person can fix
 * says how; a lost database connection is said as such; the rest (bugs) are apologised for.
 */
export function failureReply(err: unknown): Reply {
  if (isConnectionLost(err)) return databaseUnavailableReply();
  const failure = toAppError(err);
  return PERSON_CAN_FIX.has(failure.code) ? errorReply(failure.userMessage) : somethingWentWrongReply();
}

/** Failures whose message is meant for the person who asked; the others stay in the log. */
const PERSON_CAN_FIX = new Set<ErrorCode>(['user_input', 'import_file', 'csv_syntax', 'json_syntax']);
