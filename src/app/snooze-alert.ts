// Not now: the alert leaves the open list for a while (7 days by default) and comes back, and is
// posted again, when the snooze runs out.
import { updateAlertStatus } from '../store/alerts/alerts-table.ts';
import { type AlertChangeResult, alertAfterChange } from './acknowledge-alert.ts';
import type { Actor, AppDeps } from './deps.ts';

export const DEFAULT_SNOOZE_DAYS = 7;

export async function snoozeAlert(
  deps: AppDeps,
  input: { id: number; actor: Actor; days?: number },
): Promise<AlertChangeResult> {
  const days = input.days ?? DEFAULT_SNOOZE_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > 90) {
    return {
      ok: false,
      error: { code: 'invalid_snooze', message: `snooze for 1 to 90 whole days (got ${input.days})` },
    };
  }
  const at = deps.now();
  const changed = await updateAlertStatus(deps.store.sql, input.id, {
    status: 'snoozed',
    by: input.actor.code,
    at,
    until: new Date(at.getTime() + days * 86_400_000),
  });
  return alertAfterChange(deps, input.id, changed);
}
