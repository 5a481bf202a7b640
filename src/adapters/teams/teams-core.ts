// The use cases the Teams surface calls. Passed in rather than imported where they are used, so
// the surface stays a thin translation layer and `callsheet serve` wires the real core once.
import type { AlertView } from '../../app/alert-model.ts';
import type { CommandRequest } from '../../app/command-model.ts';
import type { Actor, AppDeps } from '../../app/deps.ts';
import type { Reply } from '../../app/reply.ts';
import type { CallSheet } from '../../app/sheet-model.ts';

export type AcknowledgeResult =
  | { ok: true; value: AlertView }
  | { ok: false; error: { code: string; message: string } };

export interface TeamsCore {
  runCommand(deps: AppDeps, request: CommandRequest): Promise<Reply>;
  acknowledgeAlert(deps: AppDeps, input: { id: number; actor: Actor }): Promise<AcknowledgeResult>;
  /** Today's sheet of one collector, or null when they have none (e.g. a manager). */
  callSheet(deps: AppDeps, collectorCode: string): Promise<CallSheet | null>;
}
