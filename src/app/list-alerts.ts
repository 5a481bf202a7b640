// Lists alerts as view models for every surface. Acknowledged alerts and those snoozed into the
// future are left out unless `all` is asked for; a snooze that has run out makes an alert open again.
import { type StoredAlert, selectAlerts } from '../store/alerts.ts';
import type { AlertView } from './alert-model.ts';
import type { AppDeps } from './deps.ts';

export interface ListAlertsInput {
  all?: boolean;
  limit?: number;
  ids?: number[];
}

export async function listAlerts(deps: AppDeps, input: ListAlertsInput = {}): Promise<AlertView[]> {
  const now = deps.now();
  const rows = await selectAlerts(deps.store.sql, {
    all: input.all ?? false,
    now,
    limit: input.limit ?? 200,
    ...(input.ids ? { ids: input.ids } : {}),
  });
  return rows.map((row) => toAlertView(row, now));
}

export function toAlertView(row: StoredAlert, now: Date): AlertView {
  const snoozeOver =
    row.status === 'snoozed' && row.snoozedUntil !== null && new Date(row.snoozedUntil) <= now;
  return {
    id: row.id,
    kind: row.kind,
    severity: row.severity,
    status: snoozeOver ? 'open' : row.status,
    customer: row.customerCode
      ? { code: row.customerCode, name: row.customerName ?? row.customerCode }
      : null,
    title: row.payload.title,
    message: row.message,
    suggestedAction: row.payload.suggestedAction,
    numbers: row.payload.numbers,
    sparkline: row.payload.sparkline,
    acknowledgedBy: row.acknowledgedBy,
    snoozedUntil: snoozeOver ? null : row.snoozedUntil,
  };
}
