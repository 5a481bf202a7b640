// The daily promise evaluation: every open promise becomes kept (payments cover it by its date +
// grace) or broken (the window passed), and plans follow their instalments. Idempotent: running
// it again on the same data changes nothing. Broken promises feed the engine and the alerts.
// A customer's promises are judged in their currency (the base when they are in several), and its
// payments in other currencies count at the rate of the day they were received.
import { type IsoDate, todayIn } from '../domain/calendar.ts';
import { exchangeCents } from '../domain/fx.ts';
import { centsFromDecimal, decimalFromCents } from '../domain/money.ts';
import { judgePromises, type PaymentFacts, type PromiseFacts } from '../domain/promises.ts';
import { readRates } from '../store/fx-rates.ts';
import { lockPromisesToJudge, paymentsBetween, recordVerdicts } from '../store/promise-verdicts.ts';
import { readSettings } from '../store/settings.ts';
import { commandSettings } from './commands/settings.ts';
import { readMoneyDisplay } from './company-settings.ts';
import type { AppDeps } from './deps.ts';

export interface PromiseEvaluation {
  asOf: IsoDate;
  evaluated: number;
  kept: number[];
  broken: number[];
  stillOpen: number;
}

export async function evaluatePromises(
  deps: AppDeps,
  options: { asOf?: IsoDate } = {},
): Promise<PromiseEvaluation> {
  const asOf = options.asOf ?? todayIn('UTC', deps.now());
  const { promiseGraceDays } = await readSettings(deps.store.sql, commandSettings);
  const { base } = await readMoneyDisplay(deps.store.sql);
  return deps.store.sql.transaction(async (tx) => {
    // Lock the open promises so two evaluations (two replicas) cannot judge the same one twice.
    const promises = await lockPromisesToJudge(tx);
    const open = promises.filter((p) => p.status === 'open');
    if (!open.length) return { asOf, evaluated: 0, kept: [], broken: [], stillOpen: 0 };
    const earliest = promises.reduce((min, p) => (p.made_on < min ? p.made_on : min), asOf);
    const payments = await paymentsBetween(tx, [...new Set(open.map((p) => p.customer_id))], earliest, asOf);
    const rates = await readRates(tx, asOf);
    const currencies = new Map<number, Set<string>>();
    for (const p of promises)
      currencies.set(p.customer_id, (currencies.get(p.customer_id) ?? new Set()).add(p.currency));
    const judgedIn = (id: number) => {
      const set = currencies.get(id)!;
      return set.size === 1 ? [...set][0]! : base;
    };
    const byCustomer = new Map<number, { promises: PromiseFacts[]; payments: PaymentFacts[] }>();
    const group = (id: number) => {
      let g = byCustomer.get(id);
      if (!g) {
        g = { promises: [], payments: [] };
        byCustomer.set(id, g);
      }
      return g;
    };
    // Money with no rate on its day cannot be counted: that customer's promises stay open, neither
    // kept nor broken, until the rates are imported (the sheets name the missing rate).
    const unpriced = new Set<number>();
    const inJudged = (id: number, amount: string, currency: string, day: IsoDate) => {
      const cents = exchangeCents(rates, base, centsFromDecimal(amount), currency, judgedIn(id), day);
      if (cents === null) unpriced.add(id);
      return cents ?? 0;
    };
    for (const p of promises) {
      group(p.customer_id).promises.push({
        id: p.id,
        amountCents: inJudged(p.customer_id, p.amount, p.currency, p.made_on),
        madeOn: p.made_on,
        dueOn: p.due_on,
        status: p.status,
      });
    }
    for (const p of payments) {
      const amountCents = inJudged(p.customer_id, p.amount, p.currency, p.received_on);
      group(p.customer_id).payments.push({ receivedOn: p.received_on, amountCents });
    }

    const result: PromiseEvaluation = { asOf, evaluated: open.length, kept: [], broken: [], stillOpen: 0 };
    const wasOpen = new Set(open.map((p) => p.id));
    const ids: number[] = [];
    const statuses: string[] = [];
    const covered: string[] = [];
    for (const [id, g] of byCustomer) {
      if (unpriced.has(id)) {
        result.stillOpen += g.promises.filter((p) => wasOpen.has(p.id)).length;
        continue;
      }
      for (const v of judgePromises(g.promises, g.payments, asOf, promiseGraceDays)) {
        if (!wasOpen.has(v.id)) continue;
        if (v.status === 'open') result.stillOpen++;
        else (v.status === 'kept' ? result.kept : result.broken).push(v.id);
        ids.push(v.id);
        statuses.push(v.status);
        covered.push(decimalFromCents(v.coveredCents));
      }
    }
    await recordVerdicts(tx, { ids, statuses, covered });
    return result;
  });
}
