// The request every surface hands to the command core (runCommand in src/app/commands/).
import type { Source } from './deps.ts';

export type CommandName =
  | 'logcall'
  | 'calls'
  | 'account'
  | 'promises'
  | 'undo'
  | 'assign'
  | 'hold'
  | 'release'
  | 'help';

export interface CommandRequest {
  /** The command, and the text after it (`/logcall ACME promised 5/30` → 'logcall', 'ACME promised 5/30'). */
  command: CommandName | string;
  text: string;
  /** Who typed it: a platform user id (Slack U…, Teams AAD object id) or, on the console, a collector code. */
  user: { platform: Extract<Source, 'slack' | 'teams' | 'console' | 'cli'>; id: string };
  /** Platform-supplied unique id of this request, so a retried request records once. */
  idempotencyKey: string;
}
