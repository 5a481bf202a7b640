// Open receivables plus orders not yet invoiced above the credit limit: hold the next order or call.
import type { IsoDate } from '../calendar.ts';
import type { Cents } from '../money.ts';
import { DEFAULT_DISPLAY, type MoneyDisplay } from '../money-text.ts';
import { sparkline } from '../sparkline.ts';
import { type AlertCandidate, alertMoney, type CustomerRef } from './candidate.ts';
import type { AlertThresholds } from './thresholds.ts';

export interface CreditExposure {
  customer: CustomerRef;
  limitCents: Cents;
  openArCents: Cents;
  openOrdersCents: Cents;
  /** The newest open order, if any: a new order pushing it over again is a new fact. */
  latestOpenOrderId: number | null;
  /** Invoiced per month, oldest first, for the trend. */
  monthlyInvoicedCents: Cents[];
}

export function detectCreditLimitBreaches(
  exposures: readonly CreditExposure[],
  _asOf: IsoDate,
  t: AlertThresholds,
  display: MoneyDisplay = DEFAULT_DISPLAY,
): AlertCandidate[] {
  const money = alertMoney(display);
  const out: AlertCandidate[] = [];
  for (const e of exposures) {
    const exposure = e.openArCents + e.openOrdersCents;
    if (e.limitCents <= 0 || exposure <= e.limitCents * (1 + t.creditTolerancePct / 100)) continue;
    const overPct = ((exposure - e.limitCents) / e.limitCents) * 100;
    out.push({
      kind: 'credit_limit',
      customer: e.customer,
      fingerprint: `credit_limit:customer:${e.customer.id}:limit:${e.limitCents}:order:${e.latestOpenOrderId ?? 0}`,
      severity: overPct >= t.creditCriticalPct ? 'critical' : 'warning',
      title: `Credit limit exceeded: ${e.customer.name} at ${Math.round((exposure / e.limitCents) * 100)}% of ${money(e.limitCents)}`,
      message:
        `Open receivables ${money(e.openArCents)} + open orders ${money(e.openOrdersCents)} = ${money(exposure)}, ` +
        `${money(exposure - e.limitCents)} over the ${money(e.limitCents)} limit (+${Math.round(overPct)}%).`,
      suggestedAction: 'Hold new orders or call before releasing them; review the limit with the credit team',
      numbers: {
        limitCents: e.limitCents,
        openArCents: e.openArCents,
        openOrdersCents: e.openOrdersCents,
        exposureCents: exposure,
        overCents: exposure - e.limitCents,
        overPct: Math.round(overPct),
      },
      sparkline: sparkline(e.monthlyInvoicedCents),
    });
  }
  return out;
}
