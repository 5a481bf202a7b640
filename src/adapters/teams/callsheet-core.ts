// The real use cases behind the Teams surface: the command core, and alert acknowledgement.
import { acknowledgeAlert } from '../../app/acknowledge-alert.ts';
import { collectorSheet } from '../../app/collector-sheet.ts';
import { runCommand } from '../../app/commands/run-command.ts';
import { reportFailure } from '../../app/report-failure.ts';
import type { Logger } from '../../shared/logger.ts';
import type { TeamsCore } from './teams-core.ts';

export function callsheetCore(log: Logger): TeamsCore {
  return {
    runCommand: (deps, request) =>
      runCommand(
        { ...deps, reportError: (err, context) => reportFailure(log, err, context, 'command failed') },
        request,
      ),
    acknowledgeAlert,
    callSheet: collectorSheet,
  };
}
