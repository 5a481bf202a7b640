// An established customer ordering far above its own habit: robust to the odd big order in its
// history because the bar is median + z × MAD, not mean + z × standard deviation.
import type { IsoDate } from '../calendar.ts';
import type { Cents } from '../money.ts';
import { DEFAULT_DISPLAY, type MoneyDisplay } from '../money-text.ts';
import { sparkline } from '../sparkline.ts';
import { type AlertCandidate, alertMoney, type OrderFact, times } from './candidate.ts';
import { median, scaledMad } from './stats.ts';
import type { AlertThresholds } from './thresholds.ts';

export interface CustomerOrder extends OrderFact {
  /** The customer's other orders in the 12 months before this one, oldest first. */
  historyCents: Cents[];
}

export function detectUnusualOrders(
  orders: readonly CustomerOrder[],
  _asOf: IsoDate,
  t: AlertThresholds,
  display: MoneyDisplay = DEFAULT_DISPLAY,
): AlertCandidate[] {
  const money = alertMoney(display);
  const { z, minAmountDollars, minHistory, minRatio } = t.unusualOrder;
  const out: AlertCandidate[] = [];
  for (const o of orders) {
    if (o.historyCents.length < minHistory || o.amountCents < minAmountDollars * 100) continue;
    const med = median(o.historyCents);
    // The bar is at least minRatio × the median: most orders stop here, before the MAD is worked out.
    if (o.amountCents <= med * minRatio) continue;
    // A perfectly regular buyer has MAD 0; a tenth of the median stands in so a tiny rise is not "unusual".
    const mad = Math.max(scaledMad(o.historyCents, med), med * 0.1);
    const threshold = Math.max(med + z * mad, med * minRatio);
    if (o.amountCents <= threshold) continue;
    out.push({
      kind: 'unusual_order',
      customer: o.customer,
      fingerprint: `unusual_order:order:${o.orderId}`,
      severity: o.amountCents >= 2 * threshold ? 'critical' : 'warning',
      title: `Unusual order: ${money(o.amountCents)} from ${o.customer.name}, ${times(o.amountCents / med, display.locale)} its usual`,
      message:
        `Order ${o.number} of ${o.orderDate} is ${money(o.amountCents)}; over the last 12 months its ` +
        `${o.historyCents.length} orders had a median of ${money(med)} (MAD ${money(mad)}), so anything above ` +
        `${money(threshold)} (the larger of median + ${z} × MAD and ${minRatio} × the median) is out of character.`,
      suggestedAction: 'Confirm the order with the buyer and review the credit limit before it ships',
      numbers: {
        order: o.number,
        orderDate: o.orderDate,
        amountCents: o.amountCents,
        medianCents: Math.round(med),
        madCents: Math.round(mad),
        thresholdCents: Math.round(threshold),
        ratio: Math.round((o.amountCents / med) * 10) / 10,
        historyOrders: o.historyCents.length,
      },
      sparkline: sparkline([...o.historyCents.slice(-11), o.amountCents]),
    });
  }
  return out;
}
