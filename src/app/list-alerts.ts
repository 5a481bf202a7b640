// Lists alerts as view models for every surface. Acknowledged alerts and those snoozed into the
// future are left out unless `all` is asked for; a snooze that has run out makes an alert open again.
import { countAlertsByKind, type StoredAlert, selectAlerts } from '../store/alerts/alerts-table.ts';
import type { AlertView, KindCount } from './alert-model.ts';
import type { AppDeps } from './deps.ts';

/** How many alerts a listing shows unless asked for more. */
export const DEFAULT_ALERT_LIMIT = 200;

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
    limit: input.limit ?? DEFAULT_ALERT_LIMIT,
    ...(input.ids ? { ids: input.ids } : {}),
  });
  return rows.map((row) => toAlertView(row, now));
}

/** How many alerts there are to list (open ones, or with `all` every one), per kind. */
export function countAlerts(deps: AppDeps, input: { all?: boolean } = {}): Promise<KindCount[]> {
  return countAlertsByKind(deps.store.sql, { all: input.all ?? false, now: deps.now() });
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
