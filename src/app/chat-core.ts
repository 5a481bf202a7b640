// The one port every chat surface calls: Slack, Teams and the console translate their transport
// into these calls and render what comes back; none holds a business rule of its own. Surfaces
// take it as an argument, so tests can drive a surface against the real core on a test database.
import type { Result } from '../domain/result.ts';
import type { Logger } from '../shared/logger.ts';
import { type AlertButton, pressAlertButton } from './alert-button.ts';
import type { AlertView } from './alert-model.ts';
import type { ChatUser, CommandRequest } from './command-model.ts';
import { findActor } from './commands/actor.ts';
import { runCommand } from './commands/run-command.ts';
import type { AppDeps } from './deps.ts';
import type { Reply } from './reply.ts';
import { reportFailure } from './report-failure.ts';

export interface ChatCore {
  /** Any command, typed or from a button: never throws, always a reply. */
  runCommand(req: CommandRequest): Promise<Reply>;
  /** Acknowledge or Snooze on an alert: the redrawn alert, or a reply for the person who pressed. */
  pressAlertButton(input: {
    user: ChatUser;
    alertId: unknown;
    button: AlertButton;
  }): Promise<Result<AlertView, Reply>>;
  /** The collector a chat user is (linking a Teams user by e-mail on first contact), or null. */
  whoIs(user: ChatUser): Promise<{ id: number; code: string; name: string; timeZone: string } | null>;
}

export function chatCore(deps: AppDeps, log: Logger): ChatCore {
  const commandDeps = {
    ...deps,
    reportError: (err: unknown, context: { command: string; user: string }) =>
      reportFailure(log, err, context, 'command failed'),
  };
  return {
    runCommand: (req) => runCommand(commandDeps, req),
    pressAlertButton: (input) => pressAlertButton(deps, input),
    whoIs: (user) => findActor(deps.store.sql, user),
  };
}
