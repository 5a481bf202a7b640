// `logcall <customer> <outcome> [details]`: parse, check against the store, record once.
import { todayIn } from '../../domain/calendar.ts';
import { currencyMismatch } from '../../domain/grammar/currency-check.ts';
import { customerLabel, customerRefFor } from '../../domain/grammar/format.ts';
import type { GrammarError, LogcallIntent } from '../../domain/grammar/intent.ts';
import { CONFIRM_FLAG, parseLogcall } from '../../domain/grammar/parse-logcall.ts';
import { decimalFromCents } from '../../domain/money.ts';
import type { Result } from '../../domain/result.ts';
import { balancesIn } from '../../store/invoices.ts';
import { readSettings } from '../../store/settings.ts';
import { readMoneyDisplay } from '../company-settings.ts';
import type { AppDeps } from '../deps.ts';
import type { Reply, ReplyAction } from '../reply.ts';
import { customerBrief, findInvoices, type InvoiceRef } from './account-facts.ts';
import type { CommandActor } from './actor.ts';
import { withCandidates } from './customers.ts';
import { type Recorded, recordedReply } from './describe-logcall.ts';
import { recordChange, storedReply } from './interactions.ts';
import { applyLogcallEffects } from './logcall-effects.ts';
import { errorReply } from './replies.ts';
import { commandSettings } from './settings.ts';

/** Parses a /logcall line for `actor` without writing anything (also used by --dry-run). */
export async function parseForActor(
  deps: AppDeps,
  actor: CommandActor,
  text: string,
): Promise<Result<LogcallIntent, GrammarError>> {
  const conn = deps.store.sql;
  const settings = await readSettings(conn, commandSettings);
  const today = todayIn(actor.timeZone, deps.now());
  return withCandidates(
    conn,
    text,
    (customers) =>
      parseLogcall(text, {
        customers,
        today,
        dateOrder: settings.dateOrder,
        horizonDays: settings.promiseHorizonDays,
      }),
    (r) => !r.ok && r.error.code === 'unknown_customer',
  );
}

export async function logCall(deps: AppDeps, actor: CommandActor, text: string, key: string): Promise<Reply> {
  const conn = deps.store.sql;
  const earlier = await storedReply(conn, key);
  if (earlier) return earlier;
  const parsed = await parseForActor(deps, actor, text);
  if (!parsed.ok) return grammarErrorReply(parsed.error);
  const intent = parsed.value;
  if (intent.confirm) {
    return {
      tone: 'warning',
      title: intent.confirm,
      lines: ['Nothing is recorded until you confirm.'],
      actions: [
        {
          kind: 'command',
          label: 'Yes, record it',
          command: `logcall ${text.trim()} ${CONFIRM_FLAG}`,
          style: 'primary',
        },
      ],
      private: true,
    };
  }
  const customer = await customerBrief(conn, intent.customer.id);
  const mismatch = currencyMismatch(intent, customer.currency);
  if (mismatch) return grammarErrorReply(mismatch);
  let amountCents = intent.amountCents;
  let amountDefaulted = false;
  if (intent.outcome === 'promised' && amountCents === null) {
    const today = todayIn(actor.timeZone, deps.now());
    // In the account currency: the base when its invoices are in several (converted at today's rate).
    const owed = await balancesIn(conn, customer.id, today, customer.currency);
    if (!owed)
      return errorReply(
        `${customerLabel(customer)} owes money in several currencies and one has no exchange rate today, so say how much was promised (in ${customer.currency}).`,
        [`e.g. \`logcall ${customerRefFor(customer)} promised 5k by ${intent.date}\``],
      );
    amountCents = owed.overdueCents || owed.openCents;
    amountDefaulted = true;
    if (amountCents <= 0)
      return errorReply(`${customerLabel(customer)} owes nothing right now, so say how much was promised.`, [
        `e.g. \`logcall ${customerRefFor(customer)} promised 5k by ${intent.date}\``,
      ]);
  }
  let invoices: InvoiceRef[] = [];
  if (intent.invoices.length) {
    const found = await findInvoices(conn, customer.id, intent.invoices);
    if (!found.ok)
      return errorReply(`${customerLabel(customer)} has no invoice '${found.missing}'.`, [
        found.open.length
          ? `Open invoices: ${found.open.slice(0, 10).join(', ')}${found.open.length > 10 ? ', …' : ''}`
          : 'It has no open invoices; leave the invoice out to dispute the account.',
      ]);
    invoices = found.invoices;
  }
  const { locale } = await readMoneyDisplay(conn);
  const now = deps.now();
  return recordChange(conn, actor, key, now, async (interactionId, tx) => {
    const recorded: Recorded = {
      interactionId,
      actor,
      customer,
      intent,
      amountCents,
      amountDefaulted,
      invoices,
    };
    return {
      interaction: {
        customerId: customer.id,
        outcome: intent.outcome,
        note: intent.note,
        amount: amountCents !== null ? decimalFromCents(amountCents) : null,
        onDate: intent.date,
        invoiceId: invoices[0]?.id ?? null,
        reference: intent.reference,
        details: {
          command: 'logcall',
          text,
          ...(intent.time ? { time: intent.time } : {}),
          ...(invoices.length > 1 ? { invoices: invoices.map((i) => i.number) } : {}),
          ...(intent.plan ? { plan: intent.plan } : {}),
        },
      },
      reply: recordedReply(recorded, locale),
      effects: () => applyLogcallEffects(tx, recorded, now),
    };
  });
}

/** Unknown or ambiguous customers come back with one button per likely customer. */
export function grammarErrorReply(error: GrammarError): Reply {
  const choices = error.choices ?? [];
  const actions: ReplyAction[] = choices.map((c) => ({
    kind: 'command',
    label: customerLabel(c),
    command: `logcall ${customerRefFor(c)}${error.rest ? ` ${error.rest}` : ''}`,
  }));
  const reply = errorReply(error.message, [], actions);
  // A choice between customers is a question, not a failure.
  return error.code === 'ambiguous_customer' ? { ...reply, tone: 'warning' } : reply;
}
