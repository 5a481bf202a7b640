// A top customer that starts paying later than it used to: often the first sign of trouble. Each
// customer is compared with its own baseline, so an "always pays at 60 days" account stays silent.
import type { IsoDate } from '../calendar.ts';
import type { Cents } from '../money.ts';
import { DEFAULT_DISPLAY, type MoneyDisplay } from '../money-text.ts';
import { sparkline } from '../sparkline.ts';
import { type AlertCandidate, alertMoney, type CustomerRef } from './candidate.ts';
import type { AlertThresholds } from './thresholds.ts';

export interface PayingCustomer {
  customer: CustomerRef;
  /**
   * Amount-weighted days from invoice to payment over the recent window: invoices paid in it, and
   * invoices still open past the customer's usual time to pay (counted as paid today).
   */
  recentDays: number;
  recentCount: number;
  /** How many of `recentCount` are still open. */
  stillOpen: number;
  /** The same over the baseline window before it. */
  baselineDays: number;
  baselineCount: number;
  /** Sales over the last 12 months, for context. */
  salesCents: Cents;
  /** Weighted days-to-pay per month, oldest first; NaN for a month without payments (left out of the trend). */
  monthlyDays: number[];
}

const quarter = (asOf: IsoDate) =>
  `${asOf.slice(0, 4)}-Q${Math.floor((Number(asOf.slice(5, 7)) - 1) / 3) + 1}`;

export function detectSlowingPayments(
  customers: readonly PayingCustomer[],
  asOf: IsoDate,
  t: AlertThresholds,
  display: MoneyDisplay = DEFAULT_DISPLAY,
): AlertCandidate[] {
  const money = alertMoney(display);
  const { minDaysSlower, minPctSlower, minPayments, recentDays } = t.slowingPayments;
  const out: AlertCandidate[] = [];
  for (const c of customers) {
    // NaN days (the invoices of a window total $0) say nothing about speed: no alert.
    if (c.recentCount < minPayments || c.baselineCount < minPayments) continue;
    if (!(c.baselineDays > 0) || !Number.isFinite(c.recentDays)) continue;
    const slower = c.recentDays - c.baselineDays;
    const pct = (slower / c.baselineDays) * 100;
    if (slower < minDaysSlower || pct < minPctSlower) continue;
    const recent = Math.round(c.recentDays);
    const base = Math.round(c.baselineDays);
    out.push({
      kind: 'slowing_payments',
      customer: c.customer,
      // Re-raised at most once a quarter while the slowdown lasts.
      fingerprint: `slowing_payments:customer:${c.customer.id}:${quarter(asOf)}`,
      severity: pct >= 50 ? 'critical' : 'warning',
      title: `Slowing payments: ${c.customer.name} now pays in ${recent} days, up from ${base}`,
      message:
        `Over the last ${recentDays} days ${c.recentCount} invoices ` +
        (c.stillOpen ? `(${c.stillOpen} still open, counted as paid today) ` : '') +
        `took ${recent} days to pay on average ` +
        `(weighted by amount), against ${base} days over ${c.baselineCount} invoices before: ` +
        `+${Math.round(slower)} days, +${Math.round(pct)}%. A top customer (${money(c.salesCents)} of sales in 12 months).`,
      suggestedAction: 'Call the AP contact to ask what changed; review terms and the credit limit',
      numbers: {
        recentDaysToPay: Math.round(c.recentDays * 10) / 10,
        baselineDaysToPay: Math.round(c.baselineDays * 10) / 10,
        daysSlower: Math.round(slower * 10) / 10,
        pctSlower: Math.round(pct),
        recentPayments: c.recentCount - c.stillOpen,
        stillOpenLate: c.stillOpen,
        baselinePayments: c.baselineCount,
        salesCents12m: c.salesCents,
      },
      sparkline: sparkline(c.monthlyDays.filter(Number.isFinite)),
    });
  }
  return out;
}
