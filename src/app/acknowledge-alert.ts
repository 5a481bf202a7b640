// A collector or manager has seen the alert and is on it: it leaves the open list and is not posted again.
import { updateAlertStatus } from '../store/alerts/alerts-table.ts';
import type { AlertView } from './alert-model.ts';
import type { Actor, AppDeps } from './deps.ts';
import { listAlerts } from './list-alerts.ts';

export type AlertChangeResult =
  | { ok: true; value: AlertView }
  | { ok: false; error: { code: 'unknown_alert' | 'invalid_snooze'; message: string } };

export async function acknowledgeAlert(
  deps: AppDeps,
  input: { id: number; actor: Actor },
): Promise<AlertChangeResult> {
  const changed = await updateAlertStatus(deps.store.sql, input.id, {
    status: 'acknowledged',
    by: input.actor.code,
    at: deps.now(),
  });
  return alertAfterChange(deps, input.id, changed);
}

export async function alertAfterChange(
  deps: AppDeps,
  id: number,
  changed: boolean,
): Promise<AlertChangeResult> {
  const [alert] = changed ? await listAlerts(deps, { ids: [id] }) : [];
  if (!alert) return { ok: false, error: { code: 'unknown_alert', message: `there is no alert #${id}` } };
  return { ok: true, value: alert };
}
