// AlertView → the alerts-channel message. While open it carries Acknowledge / Snooze 7 days;
// once handled, the same message is re-rendered (chat.update) saying who handled it.
import { type AlertRollup, type AlertView, kindWords, rollupText } from '../../app/alert-model.ts';
import { type Block, LIMITS, type SlackMessage } from './message.ts';
import { escapeMrkdwn, mrkdwn, plain, truncate } from './mrkdwn.ts';

export const ALERT_ACTIONS = { acknowledge: 'alert_acknowledge', snooze: 'alert_snooze' } as const;

const SEVERITY_ICON: Record<AlertView['severity'], string> = {
  info: ':large_blue_circle:',
  warning: ':warning:',
  critical: ':red_circle:',
};

function statusLine(alert: AlertView): string | null {
  switch (alert.status) {
    case 'acknowledged':
      return `:ballot_box_with_check: Acknowledged${alert.acknowledgedBy ? ` by ${escapeMrkdwn(alert.acknowledgedBy)}` : ''}`;
    case 'snoozed':
      return `:zzz: Snoozed${alert.snoozedUntil ? ` until ${escapeMrkdwn(alert.snoozedUntil.slice(0, 10))}` : ''}${alert.acknowledgedBy ? ` by ${escapeMrkdwn(alert.acknowledgedBy)}` : ''}`;
    case 'resolved':
      return ':white_check_mark: Resolved';
    default:
      return null;
  }
}

export function alertMessage(alert: AlertView): SlackMessage {
  const customer = alert.customer
    ? `${escapeMrkdwn(truncate(alert.customer.name, 200))} (${escapeMrkdwn(alert.customer.code)})`
    : null;
  const body = [
    `${SEVERITY_ICON[alert.severity]} *${escapeMrkdwn(truncate(alert.title, 300))}*`,
    escapeMrkdwn(truncate(alert.message, 1500)),
    `*Suggested:* ${escapeMrkdwn(truncate(alert.suggestedAction, 500))}`,
  ];
  if (alert.sparkline) body.push(`Trend: \`${escapeMrkdwn(truncate(alert.sparkline, 60))}\``);
  const blocks: Block[] = [{ type: 'section', text: mrkdwn(body.join('\n')) }];
  const context = [customer, `${alert.severity} · ${kindWords(alert.kind)} · alert #${alert.id}`]
    .filter(Boolean)
    .join(' · ');
  blocks.push({ type: 'context', elements: [mrkdwn(context)] });
  const status = statusLine(alert);
  if (status) {
    blocks.push({ type: 'context', elements: [mrkdwn(status)] });
  } else {
    blocks.push({
      type: 'actions',
      block_id: `alert:${alert.id}`,
      elements: [
        {
          type: 'button',
          action_id: ALERT_ACTIONS.acknowledge,
          text: plain('Acknowledge'),
          style: 'primary',
          value: String(alert.id),
        },
        {
          type: 'button',
          action_id: ALERT_ACTIONS.snooze,
          text: plain('Snooze 7 days'),
          value: String(alert.id),
        },
      ],
    });
  }
  return { text: escapeMrkdwn(truncate(`Alert: ${alert.title}`, LIMITS.fallbackText)), blocks };
}

/** The new alerts of a scan beyond those posted one by one, counted in one message. */
export function alertRollupMessage(rollup: AlertRollup): SlackMessage {
  const text = rollupText(rollup);
  return { text, blocks: [{ type: 'section', text: mrkdwn(escapeMrkdwn(text)) }] };
}
