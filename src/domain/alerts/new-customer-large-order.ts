// A new customer's sudden large order deserves a call before the invoice goes out: is it
// legitimate, and will it be paid? "Large" is relative to what comparable customers first ordered.
import { daysBetween, type IsoDate } from '../calendar.ts';
import type { Cents } from '../money.ts';
import { DEFAULT_DISPLAY, type MoneyDisplay } from '../money-text.ts';
import { sparkline } from '../sparkline.ts';
import { type AlertCandidate, alertMoney, type OrderFact, times } from './candidate.ts';
import type { AlertThresholds } from './thresholds.ts';

export interface NewCustomerOrder extends OrderFact {
  firstOrderOn: IsoDate;
  /** Median first order of comparable customers, and who they are. */
  peerMedianCents: Cents;
  peerCount: number;
  peerScope: string;
  /** The customer's orders so far, oldest first (this one included). */
  historyCents: Cents[];
}

export function detectNewCustomerLargeOrders(
  orders: readonly NewCustomerOrder[],
  asOf: IsoDate,
  t: AlertThresholds,
  display: MoneyDisplay = DEFAULT_DISPLAY,
): AlertCandidate[] {
  const money = alertMoney(display);
  const { maxAgeDays, floorDollars, k } = t.newCustomer;
  const out: AlertCandidate[] = [];
  for (const o of orders) {
    const age = daysBetween(o.firstOrderOn, asOf);
    if (age < 0 || age > maxAgeDays) continue;
    const threshold = Math.max(floorDollars * 100, k * o.peerMedianCents);
    if (o.amountCents < threshold) continue;
    const ratio = o.peerMedianCents > 0 ? o.amountCents / o.peerMedianCents : Number.POSITIVE_INFINITY;
    out.push({
      kind: 'new_customer_large_order',
      customer: o.customer,
      fingerprint: `new_customer_large_order:order:${o.orderId}`,
      severity: 'critical',
      title: `Large order from a new customer: ${money(o.amountCents)} from ${o.customer.name}`,
      message:
        `Order ${o.number} of ${o.orderDate} is ${money(o.amountCents)}` +
        (Number.isFinite(ratio)
          ? `, ${times(ratio, display.locale)} the median first order of comparable customers (${money(o.peerMedianCents)}; ${o.peerScope}, ${o.peerCount} customers)`
          : '') +
        `. The customer's first order was ${age} days ago (${o.firstOrderOn}); threshold ${money(threshold)}.`,
      suggestedAction: 'Call before invoicing: confirm it is legitimate and will be paid',
      numbers: {
        order: o.number,
        orderDate: o.orderDate,
        amountCents: o.amountCents,
        peerMedianCents: Math.round(o.peerMedianCents),
        peerCount: o.peerCount,
        peerScope: o.peerScope,
        ratio: Number.isFinite(ratio) ? Math.round(ratio * 10) / 10 : 'n/a',
        thresholdCents: Math.round(threshold),
        firstOrderOn: o.firstOrderOn,
        customerAgeDays: age,
      },
      sparkline: sparkline(o.historyCents),
    });
  }
  return out;
}
