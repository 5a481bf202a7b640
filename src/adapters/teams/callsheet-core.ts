// The real use cases behind the Teams surface: the command core, and alert acknowledgement.
import { acknowledgeAlert } from '../../app/acknowledge-alert.ts';
import { buildCallSheets } from '../../app/build-call-sheets.ts';
import { runCommand } from '../../app/commands/run-command.ts';
import { UserError } from '../../shared/errors.ts';
import type { Logger } from '../../shared/logger.ts';
import type { TeamsCore } from './teams-core.ts';

export function callsheetCore(log: Logger): TeamsCore {
  return {
    runCommand: (deps, request) =>
      runCommand(
        { ...deps, reportError: (err, context) => log.error({ err, ...context }, 'command failed') },
        request,
      ),
    acknowledgeAlert,
    async callSheet(deps, collectorCode) {
      try {
        const set = await buildCallSheets(deps, { collectorCode });
        return set.sheets.find((s) => s.collector.code === collectorCode) ?? null;
      } catch (err) {
        if (err instanceof UserError) return null; // no sheet for this person
        throw err;
      }
    },
  };
}
