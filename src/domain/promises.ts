// Promise lifecycle: a promise to pay is kept when payments received from the day it was made
// until its date (+ grace days) cover its amount, and broken once that window has passed without
// them. Each payment counts once: promises take payments in order of their dates.
import { addDays, type IsoDate } from './calendar.ts';
import type { Cents } from './money.ts';

export type PromiseState = 'open' | 'kept' | 'broken';

export interface PromiseFacts {
  id: number;
  amountCents: Cents;
  /** The day the promise was made (payments before it do not count). */
  madeOn: IsoDate;
  dueOn: IsoDate;
  /** Kept promises keep their payments; only open ones are re-judged. */
  status: 'open' | 'kept';
}

export interface PaymentFacts {
  receivedOn: IsoDate;
  amountCents: Cents;
}

export interface PromiseVerdict {
  id: number;
  status: PromiseState;
  coveredCents: Cents;
}

/** The verdicts for one customer's promises as of `asOf`. Pure and repeatable. */
export function judgePromises(
  promises: readonly PromiseFacts[],
  payments: readonly PaymentFacts[],
  asOf: IsoDate,
  graceDays: number,
): PromiseVerdict[] {
  const pool = [...payments]
    .filter((p) => p.amountCents > 0 && p.receivedOn <= asOf)
    .sort((a, b) => (a.receivedOn < b.receivedOn ? -1 : a.receivedOn > b.receivedOn ? 1 : 0))
    .map((p) => ({ ...p, left: p.amountCents }));
  const ordered = [...promises].sort((a, b) =>
    a.dueOn !== b.dueOn ? (a.dueOn < b.dueOn ? -1 : 1) : a.id - b.id,
  );
  const verdicts: PromiseVerdict[] = [];
  for (const promise of ordered) {
    const until = addDays(promise.dueOn, graceDays);
    let covered = 0;
    for (const payment of pool) {
      if (covered >= promise.amountCents) break;
      if (payment.left <= 0 || payment.receivedOn < promise.madeOn || payment.receivedOn > until) continue;
      const take = Math.min(payment.left, promise.amountCents - covered);
      payment.left -= take;
      covered += take;
    }
    const status: PromiseState =
      promise.status === 'kept' || covered >= promise.amountCents ? 'kept' : asOf > until ? 'broken' : 'open';
    verdicts.push({ id: promise.id, status, coveredCents: covered });
  }
  return verdicts;
}

/** The date a logging form offers for a promise, on every surface: a week from the collector's today. */
export function suggestedPromiseDate(today: IsoDate): IsoDate {
  return addDays(today, 7);
}
