// The records a logged call writes besides its interaction: promises, plans, disputes.
// All inside the caller's transaction; actor and source on every row.
import { decimalFromCents } from '../../domain/money.ts';
import type { SqlConn } from '../../store/sql.ts';
import type { Recorded } from './describe-logcall.ts';

export async function applyLogcallEffects(tx: SqlConn, r: Recorded, now: Date): Promise<void> {
  const { intent, actor, customer, interactionId } = r;
  const who = [actor.code, actor.source];
  switch (intent.outcome) {
    case 'promised':
      await tx.query(
        `INSERT INTO promises (customer_id, collector_id, interaction_id, amount, due_on, actor, source)
         VALUES ($1, $2, $3, $4::numeric, $5::date, $6, $7)`,
        [customer.id, actor.id, interactionId, decimalFromCents(r.amountCents!), intent.date, ...who],
      );
      return;
    case 'plan': {
      const plan = intent.plan!;
      const [row] = await tx.query<{ id: number }>(
        `INSERT INTO payment_plans (customer_id, interaction_id, total, instalments, frequency, start_on, actor, source)
         VALUES ($1, $2, $3::numeric, $4, $5::"PlanFrequency", $6::date, $7, $8) RETURNING id`,
        [
          customer.id,
          interactionId,
          decimalFromCents(plan.totalCents),
          plan.count,
          plan.frequency,
          plan.startOn,
          ...who,
        ],
      );
      for (const i of plan.instalments) {
        await tx.query(
          `INSERT INTO promises (customer_id, collector_id, interaction_id, plan_id, instalment_no, amount, due_on, actor, source)
           VALUES ($1, $2, $3, $4, $5, $6::numeric, $7::date, $8, $9)`,
          [
            customer.id,
            actor.id,
            interactionId,
            row!.id,
            i.no,
            decimalFromCents(i.amountCents),
            i.dueOn,
            ...who,
          ],
        );
      }
      return;
    }
    case 'disputed': {
      const targets = r.invoices.length ? r.invoices.map((i) => i.id) : [null];
      for (const invoiceId of targets) {
        await tx.query(
          `INSERT INTO disputes (customer_id, invoice_id, interaction_id, reason, opened_at, actor, source)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [customer.id, invoiceId, interactionId, intent.note, now.toISOString(), ...who],
        );
      }
      // The engine skips disputed invoices, so dunning stops until the dispute is resolved.
      if (r.invoices.length)
        await tx.query(
          `UPDATE invoices SET disputed = true, actor = $2, source = $3, updated_at = now() WHERE id = ANY($1::int[])`,
          [r.invoices.map((i) => i.id), ...who],
        );
      return;
    }
    default:
      // Callbacks (on_date), claimed payments (amount, reference) and the rest live on the interaction.
      return;
  }
}
