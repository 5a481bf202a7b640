// An alert's buttons, pressed in any chat: who pressed is looked up as for every command, then the
// alert is acknowledged or snoozed. The surface redraws the alert from the returned view, or shows
// the reply (not linked, no such alert) to the person who pressed.

import type { Result } from '../domain/result.ts';
import { acknowledgeAlert } from './acknowledge-alert.ts';
import type { AlertView } from './alert-model.ts';
import type { ChatUser } from './command-model.ts';
import { findActor, notLinkedMessage } from './commands/actor.ts';
import { errorReply } from './commands/replies.ts';
import type { AppDeps } from './deps.ts';
import type { Reply } from './reply.ts';
import { snoozeAlert } from './snooze-alert.ts';

export type AlertButton = 'acknowledge' | 'snooze';

export async function pressAlertButton(
  deps: AppDeps,
  input: { user: ChatUser; alertId: unknown; button: AlertButton },
): Promise<Result<AlertView, Reply>> {
  const actor = await findActor(deps.store.sql, input.user);
  if (!actor) {
    const m = notLinkedMessage(input.user);
    return { ok: false, error: errorReply(m.title, m.lines) };
  }
  const id = Number(input.alertId);
  if (!Number.isSafeInteger(id))
    return { ok: false, error: errorReply('That card no longer points at an alert.') };
  const who = { code: actor.code, source: actor.source };
  const result =
    input.button === 'acknowledge'
      ? await acknowledgeAlert(deps, { id, actor: who })
      : await snoozeAlert(deps, { id, actor: who });
  return result.ok
    ? result
    : { ok: false, error: errorReply(`Could not ${input.button} the alert: ${result.error.message}.`) };
}
