// What the Slack surface needs from the platform-neutral core. The surface depends on this port,
// not on the modules behind it, so e2e tests and the benchmark drive the real core while the
// adapter stays free of business rules.

import { acknowledgeAlert } from '../../app/acknowledge-alert.ts';
import type { AlertView } from '../../app/alert-model.ts';
import { collectorSheet } from '../../app/collector-sheet.ts';
import type { CommandRequest } from '../../app/command-model.ts';
import { runCommand } from '../../app/commands/run-command.ts';
import type { Actor, AppDeps } from '../../app/deps.ts';
import type { Reply } from '../../app/reply.ts';
import { reportFailure } from '../../app/report-failure.ts';
import type { CallSheet } from '../../app/sheet-model.ts';
import { snoozeAlert } from '../../app/snooze-alert.ts';
import type { Logger } from '../../shared/logger.ts';

export type AlertChange =
  | { ok: true; value: AlertView }
  | { ok: false; error: { code: string; message: string } };

export interface SlackCore {
  runCommand(req: CommandRequest): Promise<Reply>;
  /** Today's sheet of one collector (by code), or null when they have none. */
  sheetFor(collectorCode: string): Promise<CallSheet | null>;
  acknowledgeAlert(id: number, actor: Actor): Promise<AlertChange>;
  snoozeAlert(id: number, actor: Actor, days: number): Promise<AlertChange>;
}

/** The real core: the command core, the engine and the alert use cases. */
export function defaultSlackCore(deps: AppDeps, log: Logger): SlackCore {
  const commandDeps = {
    ...deps,
    reportError: (err: unknown, context: { command: string; user: string }) =>
      reportFailure(log, err, context, 'command failed'),
  };
  return {
    runCommand: (req) => runCommand(commandDeps, req),
    sheetFor: (code) => collectorSheet(deps, code),
    acknowledgeAlert: (id, actor) => acknowledgeAlert(deps, { id, actor }),
    snoozeAlert: (id, actor, days) => snoozeAlert(deps, { id, actor, days }),
  };
}
