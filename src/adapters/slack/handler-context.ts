// What every Slack handler gets: the use-case deps, the core port, the paced/retrying Web API
// caller, the logger and the background-work tracker.
import { createHash } from 'node:crypto';
import type { AppDeps } from '../../app/deps.ts';
import type { Reply } from '../../app/reply.ts';
import type { Logger } from '../../shared/logger.ts';
import type { BackgroundWork } from './answer-in-time.ts';
import type { SlackCaller } from './slack-caller.ts';
import type { SlackCore } from './slack-core.ts';

export interface SlackHandlerContext {
  deps: AppDeps;
  core: SlackCore;
  caller: SlackCaller;
  log: Logger;
  background: BackgroundWork;
}

/** A stable key for a request, so Slack's retries of it record once. */
export function requestKey(kind: string, stable: string | undefined, body: unknown): string {
  if (stable) return `${kind}:${stable}`;
  return `${kind}:${createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 32)}`;
}

export const notLinkedReply = (slackUserId: string): Reply => ({
  tone: 'error',
  title: `You are not linked to a collector yet (your Slack user id is ${slackUserId}).`,
  lines: [
    `Ask your collections manager to add you: put ${slackUserId} in slack_user_id on your collector record (collectors.csv, then \`callsheet import\`).`,
  ],
  private: true,
});

export const managersOnlyReply = (what: string): Reply => ({
  tone: 'error',
  title: `Only a collections manager can ${what}.`,
  lines: ['Ask your manager, or have your role set to manager in collectors.csv.'],
  private: true,
});

export const errorReply = (title: string, lines: string[] = []): Reply => ({
  tone: 'error',
  title,
  lines,
  private: true,
});

export const SOMETHING_WENT_WRONG = errorReply(
  'Something went wrong on our side and nothing was recorded. Please try again.',
  ['If it keeps happening, tell your Callsheet admin (the details are in the server log).'],
);
