// The records a logged call writes besides its interaction: promises, plans, disputes.
// All inside the caller's transaction; actor and source on every row.
import { openDispute } from '../../store/disputes.ts';
import { insertPlan, insertPromise } from '../../store/promises.ts';
import type { SqlConn } from '../../store/sql.ts';
import type { Recorded } from './describe-logcall.ts';

export async function applyLogcallEffects(tx: SqlConn, r: Recorded, now: Date): Promise<void> {
  const { intent, actor, customer, interactionId } = r;
  const who = { actor: actor.code, source: actor.source };
  const base = { customerId: customer.id, collectorId: actor.id, interactionId };
  switch (intent.outcome) {
    case 'promised':
      return insertPromise(
        tx,
        { ...base, amountCents: r.amountCents!, currency: customer.currency, dueOn: intent.date! },
        who,
      );
    case 'plan': {
      const plan = intent.plan!;
      return insertPlan(
        tx,
        {
          ...base,
          totalCents: plan.totalCents,
          currency: customer.currency,
          frequency: plan.frequency,
          startOn: plan.startOn,
          instalments: plan.instalments,
        },
        who,
      );
    }
    case 'disputed':
      return openDispute(
        tx,
        {
          customerId: customer.id,
          invoiceIds: r.invoices.map((i) => i.id),
          interactionId,
          reason: intent.note,
          at: now,
        },
        who,
      );
    default:
      // Callbacks (on_date), claimed payments (amount, reference) and the rest live on the interaction.
      return;
  }
}
