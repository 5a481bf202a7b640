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
import { countAlert } from '../shared/metrics.ts';
import { withAggregateSettings } from '../store/aggregate-settings.ts';
import { insertAlerts } from '../store/alerts/alerts-table.ts';
import { loadCreditExposures } from '../store/alerts/credit-exposures.ts';
import { loadLapsedPromises } from '../store/alerts/lapsed-promises.ts';
import { loadPayingCustomers } from '../store/alerts/paying-customers.ts';
import { loadRecentOrders } from '../store/alerts/recent-orders.ts';
import { defineSettings, readSettings } from '../store/settings.ts';
import type { SqlConn } from '../store/sql.ts';
import type { AlertView } from './alert-model.ts';
import { readMoneyDisplay } from './company-settings.ts';
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
  const display = await readMoneyDisplay(deps.store.sql);
  const { base } = display;
  // The four fact queries are independent reads: each in its own transaction with the scan's
  // settings, so on Postgres they run at once on pooled connections (PGlite, a single session, runs
  // them in turn). One transaction never gave them a common snapshot anyway (read committed).
  const read = <T>(load: (conn: SqlConn) => Promise<T>) => withAggregateSettings(deps.store.sql, load);
  const [orders, paying, promises, exposures] = await Promise.all([
    read((conn) => loadRecentOrders(conn, asOf, t, base)),
    read((conn) => loadPayingCustomers(conn, asOf, t)),
    read((conn) => loadLapsedPromises(conn, asOf, t, base)),
    read((conn) => loadCreditExposures(conn, asOf, base)),
  ]);
  const found = [
    // Amounts are written in the base currency (a promise's in its own), in the company's locale.
    ...detectNewCustomerLargeOrders(orders.newCustomers, asOf, t, display),
    ...detectUnusualOrders(orders.established, asOf, t, display),
    ...detectSlowingPayments(paying, asOf, t, display),
    ...detectBrokenPromises(promises, asOf, t, display),
    ...detectCreditLimitBreaches(exposures, asOf, t, display),
  ];
  const stored = await insertAlerts(deps.store.sql, found, asOf, now);
  const created = stored.map((row) => toAlertView(row, now));
  for (const alert of created) countAlert(alert.kind, alert.severity);
  return { asOf, found, created };
}
