// Alerts as terminal text: one block per alert with its explanation, trend and what to do.
import type { AlertView } from '../../app/alert-model.ts';

const MARK: Record<AlertView['severity'], string> = { critical: '!!', warning: ' !', info: '  ' };

/** Chat- or ERP-supplied text is data: control characters would let it rewrite the terminal. */
const clean = (text: string) => text.replace(/\p{Cc}/gu, '');

export function alertText(alert: AlertView): string {
  const status =
    alert.status === 'open'
      ? ''
      : ` [${alert.status}${alert.acknowledgedBy ? ` by ${alert.acknowledgedBy}` : ''}]`;
  const who = alert.customer ? ` (${clean(alert.customer.code)})` : '';
  const lines = [
    `${MARK[alert.severity]} #${alert.id} ${alert.severity.toUpperCase()}  ${clean(alert.title)}${who}${status}`,
    `   ${clean(alert.message)}`,
  ];
  if (alert.sparkline) lines.push(`   trend ${alert.sparkline}`);
  lines.push(`   → ${clean(alert.suggestedAction)}`);
  return lines.join('\n');
}

export function alertsText(alerts: readonly AlertView[], heading: string): string {
  if (!alerts.length) return `${heading}: none.\n`;
  return `${heading} (${alerts.length}):\n\n${alerts.map(alertText).join('\n\n')}\n`;
}

/** The stable JSON form for scripts: kind, customer code, severity, status, message, numbers. */
export function alertJson(alert: AlertView) {
  return {
    id: alert.id,
    kind: alert.kind,
    customer: alert.customer?.code ?? null,
    customerName: alert.customer?.name ?? null,
    severity: alert.severity,
    status: alert.status,
    title: alert.title,
    message: alert.message,
    suggestedAction: alert.suggestedAction,
    numbers: alert.numbers,
    sparkline: alert.sparkline,
    acknowledgedBy: alert.acknowledgedBy,
    snoozedUntil: alert.snoozedUntil,
  };
}
