// An alert as an Adaptive Card: what happened, why (its message, with the numbers in the company's
// currency and locale), the trend and what to do, with Acknowledge and Snooze 7 days, as on Slack.
// The raw `numbers` (cents, for scripts) stay in the JSON output. Each is an Action.Execute (the card updates in
// place for everyone) with an Action.Submit fallback for clients without Universal Actions.
import { type AlertRollup, type AlertView, rollupText } from '../../app/alert-model.ts';
import { type AdaptiveCard, type CardElement, card, container, plainText } from './adaptive-card.ts';

export const ALERT_VERBS = { acknowledge: 'cs.ack', snooze: 'cs.snooze' } as const;

const SEVERITY_STYLE = { info: 'accent', warning: 'warning', critical: 'attention' } as const;
const SEVERITY_LABEL = { info: 'Info', warning: 'Warning', critical: 'Critical' } as const;

function alertAction(alert: AlertView, verb: string, title: string, style?: 'positive'): CardElement {
  const data = { verb, alertId: alert.id };
  return {
    type: 'Action.Execute',
    title,
    verb,
    data,
    ...(style ? { style } : {}),
    fallback: { type: 'Action.Submit', title, data },
  };
}

function statusLine(alert: AlertView): string | null {
  if (alert.status === 'acknowledged')
    return `✓ Acknowledged${alert.acknowledgedBy ? ` by ${alert.acknowledgedBy}` : ''}`;
  if (alert.status === 'snoozed') return `Snoozed${alert.snoozedUntil ? ` until ${alert.snoozedUntil}` : ''}`;
  if (alert.status === 'resolved') return 'Resolved';
  return null;
}

export function alertCard(alert: AlertView): AdaptiveCard {
  const customer = alert.customer ? `${alert.customer.name} (${alert.customer.code})` : null;
  const status = statusLine(alert);
  const body: CardElement[] = [
    container(
      [
        plainText(`${SEVERITY_LABEL[alert.severity]} · ${alert.title}`, { weight: 'Bolder' }),
        ...(customer ? [plainText(customer, { spacing: 'None' })] : []),
      ],
      { style: SEVERITY_STYLE[alert.severity], bleed: true },
    ),
    plainText(alert.message),
    ...(alert.sparkline ? [plainText(`Trend ${alert.sparkline}`, { fontType: 'Monospace' as const })] : []),
    plainText(`Suggested: ${alert.suggestedAction}`, { weight: 'Bolder' }),
    ...(status ? [plainText(status, { color: 'Good' as const })] : []),
  ];
  const actions =
    alert.status === 'open'
      ? [
          alertAction(alert, ALERT_VERBS.acknowledge, 'Acknowledge', 'positive'),
          alertAction(alert, ALERT_VERBS.snooze, 'Snooze 7 days'),
        ]
      : [];
  return card(body, actions, `${alert.title}${customer ? ` — ${customer}` : ''}`);
}

/** The new alerts of a scan beyond those posted one by one, counted in one card. */
export function alertRollupCard(rollup: AlertRollup): AdaptiveCard {
  const text = rollupText(rollup);
  return card([plainText(text)], [], text);
}
