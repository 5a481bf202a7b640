// The daily promise evaluation: every open promise becomes kept (payments cover it by its date +
// grace) or broken (the window passed), and plans follow their instalments. Idempotent: running
// it again on the same data changes nothing. Broken promises feed the engine and the alerts.
import { type IsoDate, todayIn } from '../domain/calendar.ts';
import { centsFromDecimal, decimalFromCents } from '../domain/money.ts';
import { judgePromises, type PaymentFacts, type PromiseFacts } from '../domain/promises.ts';
import { readSettings } from '../store/settings.ts';
import { commandSettings } from './commands/settings.ts';
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
  return deps.store.sql.transaction(async (tx) => {
    // Lock the open promises so two evaluations (two replicas) cannot judge the same one twice.
    const promises = await tx.query<{
      id: number;
      customer_id: number;
      amount: string;
      made_on: string;
      due_on: string;
      status: 'open' | 'kept';
    }>(
      `SELECT p.id, p.customer_id, p.amount::text AS amount, p.due_on::text AS due_on, p.status::text AS status,
              least(p.created_at, i.occurred_at)::date::text AS made_on
         FROM promises p JOIN interactions i ON i.id = p.interaction_id
        WHERE p.customer_id IN (SELECT customer_id FROM promises WHERE status = 'open')
          AND (p.status = 'open' OR (p.status = 'kept' AND p.due_on >= (SELECT min(due_on) - 90 FROM promises WHERE status = 'open')))
        ORDER BY p.id FOR UPDATE OF p`,
    );
    const open = promises.filter((p) => p.status === 'open');
    if (!open.length) return { asOf, evaluated: 0, kept: [], broken: [], stillOpen: 0 };
    const earliest = promises.reduce((min, p) => (p.made_on < min ? p.made_on : min), asOf);
    const payments = await tx.query<{ customer_id: number; received_on: string; amount: string }>(
      `SELECT customer_id, received_on::text AS received_on, amount::text AS amount FROM payments
        WHERE customer_id = ANY($1::int[]) AND received_on BETWEEN $2::date AND $3::date`,
      [[...new Set(open.map((p) => p.customer_id))], earliest, asOf],
    );
    const byCustomer = new Map<number, { promises: PromiseFacts[]; payments: PaymentFacts[] }>();
    const group = (id: number) => {
      let g = byCustomer.get(id);
      if (!g) {
        g = { promises: [], payments: [] };
        byCustomer.set(id, g);
      }
      return g;
    };
    for (const p of promises)
      group(p.customer_id).promises.push({
        id: p.id,
        amountCents: centsFromDecimal(p.amount),
        madeOn: p.made_on,
        dueOn: p.due_on,
        status: p.status,
      });
    for (const p of payments)
      group(p.customer_id).payments.push({
        receivedOn: p.received_on,
        amountCents: centsFromDecimal(p.amount),
      });

    const result: PromiseEvaluation = { asOf, evaluated: open.length, kept: [], broken: [], stillOpen: 0 };
    const wasOpen = new Set(open.map((p) => p.id));
    const ids: number[] = [];
    const statuses: string[] = [];
    const covered: string[] = [];
    for (const g of byCustomer.values()) {
      for (const v of judgePromises(g.promises, g.payments, asOf, promiseGraceDays)) {
        if (!wasOpen.has(v.id)) continue;
        if (v.status === 'open') result.stillOpen++;
        else (v.status === 'kept' ? result.kept : result.broken).push(v.id);
        ids.push(v.id);
        statuses.push(v.status);
        covered.push(decimalFromCents(v.coveredCents));
      }
    }
    // One set-based update; a verdict is recorded as the system's, an open promise keeps its author.
    await tx.query(
      `UPDATE promises p SET status = v.status::"PromiseStatus", covered_amount = v.covered, evaluated_at = now(),
              actor = CASE WHEN v.status = 'open' THEN p.actor ELSE 'system' END,
              source = CASE WHEN v.status = 'open' THEN p.source ELSE 'scheduler' END, updated_at = now()
         FROM unnest($1::int[], $2::text[], $3::numeric[]) AS v(id, status, covered)
        WHERE p.id = v.id`,
      [ids, statuses, covered],
    );
    // A plan breaks with its first broken instalment and completes when every one is kept.
    await tx.query(
      `UPDATE payment_plans p SET status = CASE WHEN EXISTS (SELECT 1 FROM promises q WHERE q.plan_id = p.id AND q.status = 'broken')
                                                THEN 'broken'::"PlanStatus" ELSE 'completed'::"PlanStatus" END,
              actor = 'system', source = 'scheduler', updated_at = now()
        WHERE p.status = 'active'
          AND (EXISTS (SELECT 1 FROM promises q WHERE q.plan_id = p.id AND q.status = 'broken')
               OR NOT EXISTS (SELECT 1 FROM promises q WHERE q.plan_id = p.id AND q.status <> 'kept'))`,
    );
    return result;
  });
}
