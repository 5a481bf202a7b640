// A broken promise to pay means escalating now, not at the next age step. Broken = marked so by the
// promise evaluation, or still open past its date + grace without payments that cover it.
import { addDays, daysBetween, type IsoDate } from '../calendar.ts';
import type { Cents } from '../money.ts';
import { DEFAULT_DISPLAY, type MoneyDisplay, moneyText } from '../money-text.ts';
import { sparkline } from '../sparkline.ts';
import type { AlertCandidate, CustomerRef } from './candidate.ts';
import type { AlertThresholds } from './thresholds.ts';

export interface PromiseFact {
  promiseId: number;
  customer: CustomerRef;
  status: 'open' | 'broken';
  amountCents: Cents;
  /** The promise's currency: its amount and the payments covering it are in it. */
  currency: string;
  promisedOn: IsoDate;
  dueOn: IsoDate;
  /** Payments received from the promise until its date + grace. */
  coveredCents: Cents;
  /** Promises this customer broke in the last 90 days, this one included (when broken). */
  brokenBefore: number;
  /** Amounts of the customer's recent promises, oldest first. */
  recentPromisesCents: Cents[];
}

export function isPromiseBroken(p: PromiseFact, asOf: IsoDate, graceDays: number): boolean {
  if (p.status === 'broken') return true;
  return daysBetween(addDays(p.dueOn, graceDays), asOf) > 0 && p.coveredCents < p.amountCents;
}

export function detectBrokenPromises(
  promises: readonly PromiseFact[],
  asOf: IsoDate,
  t: AlertThresholds,
  display: MoneyDisplay = DEFAULT_DISPLAY,
): AlertCandidate[] {
  const out: AlertCandidate[] = [];
  for (const p of promises) {
    if (!isPromiseBroken(p, asOf, t.promiseGraceDays)) continue;
    if (daysBetween(p.dueOn, asOf) > t.promiseLookbackDays) continue;
    const broken = Math.max(1, p.brokenBefore);
    // The promise's own currency, written the company's way.
    const money = (cents: Cents) => moneyText(Math.round(cents), p.currency, display.locale);
    out.push({
      kind: 'broken_promise',
      customer: p.customer,
      fingerprint: `broken_promise:promise:${p.promiseId}`,
      severity: broken >= 2 ? 'critical' : 'warning',
      title: `Broken promise: ${p.customer.name} promised ${money(p.amountCents)} by ${p.dueOn}`,
      message:
        `Promised on ${p.promisedOn} to pay ${money(p.amountCents)} by ${p.dueOn}; ` +
        `${money(p.coveredCents)} received by ${addDays(p.dueOn, t.promiseGraceDays)} (${t.promiseGraceDays} days' grace), ` +
        `${money(Math.max(0, p.amountCents - p.coveredCents))} short.` +
        (broken >= 2 ? ` ${broken} promises broken in the last 90 days.` : ''),
      suggestedAction:
        'Escalate now per the treatment plan: supervisor call, do not wait for the next age step',
      numbers: {
        promisedCents: p.amountCents,
        currency: p.currency,
        coveredCents: p.coveredCents,
        shortCents: Math.max(0, p.amountCents - p.coveredCents),
        promisedOn: p.promisedOn,
        dueOn: p.dueOn,
        graceDays: t.promiseGraceDays,
        brokenLast90Days: broken,
      },
      sparkline: sparkline(p.recentPromisesCents),
    });
  }
  return out;
}
