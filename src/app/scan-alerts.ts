// Runs every alert detector over the store as of a day and records what is new. The same fact
// (same fingerprint) never alerts twice, so scanning again — on a schedule, after each import, on
// demand — only ever adds alerts for facts not seen before.
import { detectBrokenPromises } from '../domain/alerts/broken-promise.ts';
import type { AlertCandidate } from '../domain/alerts/candidate.ts';
import { detectCreditLimitBreaches } from '../domain/alerts/credit-limit.ts';
import { detectNewCustomerLargeOrders } from '../domain/alerts/new-customer-large-order.ts';
import { detectSlowingPayments } from '../domain/alerts/slowing-payments.ts';
import { alertThresholdsSchema } from '../domain/alerts/thresholds.ts';
import { detectUnusualOrders } from '../domain/alerts/unusual-order.ts';
import { type IsoDate, todayIn } from '../domain/calendar.ts';
import {
  insertAlerts,
  loadCreditExposures,
  loadLapsedPromises,
  loadPayingCustomers,
  loadRecentOrders,
  withScanSettings,
} from '../store/alerts.ts';
import { defineSettings, readSettings } from '../store/settings.ts';
import type { AlertView } from './alert-model.ts';
import type { AppDeps } from './deps.ts';
import { toAlertView } from './list-alerts.ts';

export const ALERT_SETTINGS = defineSettings('alerts', alertThresholdsSchema);

export interface ScanAlertsInput {
  /** The business day to scan as of; default: today (UTC) by the clock. */
  asOf?: IsoDate;
}

export interface ScanAlertsResult {
  asOf: IsoDate;
  /** Every fact the detectors found today, new or already alerted. */
  found: AlertCandidate[];
  /** The alerts this scan created (facts not alerted before). */
  created: AlertView[];
}

export async function scanAlerts(deps: AppDeps, input: ScanAlertsInput = {}): Promise<ScanAlertsResult> {
  const now = deps.now();
  const asOf = input.asOf ?? todayIn('UTC', now);
  const t = await readSettings(deps.store.sql, ALERT_SETTINGS);
  return withScanSettings(deps.store.sql, async (conn) => {
    const orders = await loadRecentOrders(conn, asOf, t);
    const found = [
      ...detectNewCustomerLargeOrders(orders.newCustomers, asOf, t),
      ...detectUnusualOrders(orders.established, asOf, t),
      ...detectSlowingPayments(await loadPayingCustomers(conn, asOf, t), asOf, t),
      ...detectBrokenPromises(await loadLapsedPromises(conn, asOf, t), asOf, t),
      ...detectCreditLimitBreaches(await loadCreditExposures(conn, asOf), asOf, t),
    ];
    const stored = await insertAlerts(conn, found, asOf, now);
    return { asOf, found, created: stored.map((row) => toAlertView(row, now)) };
  });
}
