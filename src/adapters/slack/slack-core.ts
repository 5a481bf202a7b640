// What the Slack surface needs from the platform-neutral core. The surface depends on this port,
// not on the modules behind it, so e2e tests and the benchmark drive the real core while the
// adapter stays free of business rules.
import type { AlertView } from '../../app/alert-model.ts';
import type { CommandRequest } from '../../app/command-model.ts';
import type { Actor, AppDeps } from '../../app/deps.ts';
import type { Reply } from '../../app/reply.ts';
import type { CallSheet } from '../../app/sheet-model.ts';
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

const notYet = (what: string): Reply => ({
  tone: 'error',
  title: `${what} is not available in this build yet.`,
  private: true,
});

/** The core as wired in this build. */
export function defaultSlackCore(_deps: AppDeps, _log: Logger): SlackCore {
  return {
    runCommand: async () => notYet('The command core'),
    sheetFor: async () => null,
    acknowledgeAlert: async () => ({
      ok: false,
      error: { code: 'unavailable', message: 'alerts are not available yet' },
    }),
    snoozeAlert: async () => ({
      ok: false,
      error: { code: 'unavailable', message: 'alerts are not available yet' },
    }),
  };
}
