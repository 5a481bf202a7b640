// Written summaries and promise confirmations after the call that logged them, once its undo
// window has closed (an undone call gets no letter). Collectors who write their own (setting
// outreach.followUpOptOut) and customers who opted out get none; one without an e-mail address is
// recorded as skipped with the reason. Each call gets at most one follow-up: the ledger is unique
// per interaction.
import { todayIn } from '../../domain/calendar.ts';
import { moneyText } from '../../domain/money-text.ts';
import { callSummary, followUpKind } from '../../domain/outreach/call-summary.ts';
import { emailLocale, messageView } from '../../domain/outreach/message-view.ts';
import { pickRecipient } from '../../domain/outreach/pick-recipient.ts';
import { totalsByCurrency } from '../../domain/outreach/plan-outreach.ts';
import {
  type PendingFollowUp,
  pendingFollowUps,
  readOutreachFacts,
  recordSkippedFollowUp,
} from '../../store/outreach.ts';
import { readSettings } from '../../store/settings.ts';
import { readContacts } from '../../store/sheet-inputs.ts';
import { commandSettings } from '../commands/settings.ts';
import { readMoneyDisplay } from '../company-settings.ts';
import type { Actor, AppDeps } from '../deps.ts';
import type { MailDeps } from './mailer.ts';
import { outreachSettings } from './outreach-settings.ts';
import { dayBounds, type OutreachDraft, rendered, templateCache } from './plan-outreach-batch.ts';
import { type DrainResult, drainOutreach, queueDrafts } from './send-outreach.ts';

/** Calls older than this are not followed up any more (a bot that was down a long while). */
const LOOKBACK_MS = 2 * 86_400_000;

export interface FollowUpResult {
  queued: number;
  skipped: number;
  drain: DrainResult | null;
}

export async function sendFollowUps(deps: AppDeps, mail: MailDeps, actor: Actor): Promise<FollowUpResult> {
  const sql = deps.store.sql;
  const settings = await readSettings(sql, outreachSettings);
  if (!settings.followUps) return { queued: 0, skipped: 0, drain: null };
  const { undoMinutes } = await readSettings(sql, commandSettings);
  const now = deps.now();
  const pending = await pendingFollowUps(sql, {
    since: new Date(now.getTime() - LOOKBACK_MS),
    until: new Date(now.getTime() - undoMinutes * 60_000),
    limit: 500,
  });
  if (!pending.length) return { queued: 0, skipped: 0, drain: null };
  const ids = [...new Set(pending.map((p) => p.customerId))];
  const contacts = await readContacts(sql, ids);
  const today = todayIn('UTC', now);
  const facts = await readOutreachFacts(
    sql,
    { asOf: today, ...dayBounds(today, 'UTC'), brokenSince: today },
    ids,
  );
  const template = templateCache(mail.templatesDir, settings);
  const display = await readMoneyDisplay(sql);
  const optOut = new Set(settings.followUpOptOut.map((c) => c.toLowerCase()));
  const drafts: (OutreachDraft & { interactionId: number })[] = [];
  let skipped = 0;
  const skip = async (p: PendingFollowUp, reason: string) => {
    skipped++;
    const kind = followUpKind(p.outcome);
    const who = { actor: actor.code, source: actor.source };
    await recordSkippedFollowUp(
      sql,
      { customerId: p.customerId, day: p.day, kind, interactionId: p.interactionId, reason, ...who },
      now,
    );
  };
  for (const p of pending) {
    if (p.collectorCode && optOut.has(p.collectorCode.toLowerCase())) {
      await skip(p, `${p.collectorCode} writes their own follow-ups`);
      continue;
    }
    if (p.optedOut) {
      await skip(p, 'the customer asked not to receive e-mails');
      continue;
    }
    const to = pickRecipient(contacts.get(p.customerId) ?? [], 'ap');
    if (!to) {
      await skip(p, 'no contact with an e-mail address');
      continue;
    }
    const invoices = (facts.get(p.customerId)?.invoices ?? []).filter((i) => !i.disputed);
    const totals = totalsByCurrency(invoices);
    const kind = followUpKind(p.outcome);
    // A promise or plan is in its own currency; other amounts (a claimed payment) in the invoices'.
    const currency = p.currency ?? totals[0]?.currency ?? 'USD';
    const t = template(kind, p.language);
    const locale = emailLocale(t.language, display.locale);
    const view = messageView({
      customer: { code: p.customerCode, name: p.customerName },
      contact: { name: to.name, email: to.email },
      invoices,
      totals,
      company: settings.company,
      paymentInstructions: settings.paymentInstructions,
      signature: p.collectorName
        ? { name: p.collectorName, email: p.collectorEmail }
        : { name: settings.signatureName, email: null },
      date: p.day,
      locale,
      call: { date: p.day, summary: callSummary(p, currency, locale) },
      promise: {
        amount: p.amountCents === null ? '' : moneyText(p.amountCents, currency, locale),
        date: p.onDate ?? '',
      },
    });
    drafts.push({
      customerId: p.customerId,
      code: p.customerCode,
      name: p.customerName,
      kind,
      language: p.language,
      to,
      invoices,
      totals,
      collectorId: p.collectorId,
      interactionId: p.interactionId,
      ...rendered(t, view),
    });
  }
  const queued = await queueDrafts(deps, mail, today, drafts, actor);
  const drain = queued ? await drainOutreach(deps, mail, { day: null, maxWaitMs: 60_000 }) : null;
  return { queued, skipped, drain };
}
