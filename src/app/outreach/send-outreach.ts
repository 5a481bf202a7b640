// Sending, exactly once and nothing lost: the batch is written to the ledger as queued first (a
// rerun of the same day queues nothing new), then drained one claimed row at a time at the
// configured rate. A temporary failure (4xx, a dropped connection) goes back to the queue with a
// growing wait; a permanent one (5xx) is recorded with the server's reply and raised as an alert,
// which the alert-post job puts in the alerts channel; the account and `outreach status` show it.
import { randomUUID } from 'node:crypto';
import type { AlertCandidate } from '../../domain/alerts/candidate.ts';
import type { IsoDate } from '../../domain/calendar.ts';
import { insertAlerts } from '../../store/alerts/alerts-table.ts';
import {
  claimNextMessage,
  countQueued,
  type LedgerMessage,
  latestThreads,
  markFailed,
  markRetry,
  markSent,
  markStaleUncertain,
  type NewOutreachMessage,
  nextRetryAt,
  queueMessages,
} from '../../store/outreach.ts';
import { readSettings } from '../../store/settings.ts';
import type { Actor, AppDeps } from '../deps.ts';
import { domainOf, type MailDeps, sleepFor } from './mailer.ts';
import { outreachSettings } from './outreach-settings.ts';
import type { OutreachDraft } from './plan-outreach-batch.ts';

/** A row claimed longer ago than this by a run that never settled it belongs to a dead run. */
export const STALE_CLAIM_MS = 10 * 60_000;

/** Message-IDs and the customer's thread for each draft, then one insert that skips what is there. */
export async function queueDrafts(
  deps: AppDeps,
  mail: Pick<MailDeps, 'from'>,
  day: IsoDate,
  drafts: readonly (OutreachDraft & { interactionId?: number })[],
  actor: Actor,
): Promise<number> {
  const threads = await latestThreads(
    deps.store.sql,
    drafts.map((d) => d.customerId),
  );
  const domain = domainOf(mail.from);
  const rows: NewOutreachMessage[] = drafts.map((d) => {
    const thread = threads.get(d.customerId);
    const main = d.totals.reduce((a, b) => (b.cents > a.cents ? b : a), { currency: 'USD', cents: 0 });
    return {
      customerId: d.customerId,
      day,
      kind: d.kind,
      toEmail: d.to.email,
      toName: d.to.name,
      subject: d.subject,
      bodyText: d.text,
      bodyHtml: d.html,
      messageId: `<outreach.${randomUUID()}@${domain}>`,
      inReplyTo: thread?.messageId ?? null,
      references: thread ? [thread.references, thread.messageId].filter(Boolean).join(' ') : null,
      invoiceNumbers: d.invoices.map((i) => i.number),
      amountCents: main.cents,
      currency: main.currency,
      collectorId: d.collectorId,
      interactionId: d.interactionId ?? null,
      actor: actor.code,
      source: actor.source,
    };
  });
  return queueMessages(deps.store.sql, rows);
}

export interface DrainResult {
  sent: number;
  retried: number;
  failed: LedgerMessage[];
  /** Claimed by a run that stopped before it knew the outcome: a person checks them. */
  uncertain: LedgerMessage[];
  /** Still queued (a retry due after the run's wait limit). */
  waiting: number;
}

export interface DrainOptions {
  /** Only this day's messages; null: every queued message. */
  day: IsoDate | null;
  /** The longest the run waits for a retry to fall due before it leaves it to the next run. */
  maxWaitMs?: number;
  /** Stop claiming when this is aborted (a finished send is still recorded). */
  signal?: AbortSignal;
}

function failureAlert(m: LedgerMessage, reason: string): AlertCandidate {
  return {
    kind: 'delivery_failure',
    customer: { id: m.customerId, code: m.customerCode, name: m.customerName },
    fingerprint: `outreach:${m.id}`,
    severity: 'warning',
    title: `E-mail to ${m.customerName} not delivered: ${m.subject}`,
    message: `The mail server refused the ${m.kind.replace(/_/g, ' ')} to ${m.toName} <${m.toEmail}>: ${reason}`,
    suggestedAction: `Check the contact's e-mail address (or call), then \`callsheet outreach requeue ${m.id}\` to send it again`,
    numbers: { message: m.id, attempts: m.attempts },
    sparkline: '',
  };
}

/** Sends a claimed row; if the transport throws (a set-up problem), the row goes back to the queue first. */
async function sendClaimed(deps: AppDeps, mail: MailDeps, m: LedgerMessage) {
  try {
    return await mail.mailer.send({
      from: mail.from,
      replyTo: mail.replyTo,
      to: { name: m.toName, address: m.toEmail },
      subject: m.subject,
      text: m.bodyText,
      html: m.bodyHtml,
      messageId: m.messageId,
      inReplyTo: m.inReplyTo ?? undefined,
      references: m.references ?? undefined,
    });
  } catch (err) {
    await markRetry(deps.store.sql, m.id, String(err), deps.now(), deps.now());
    throw err;
  }
}

export async function drainOutreach(
  deps: AppDeps,
  mail: MailDeps,
  options: DrainOptions,
): Promise<DrainResult> {
  const sql = deps.store.sql;
  const settings = await readSettings(sql, outreachSettings);
  const sleep = mail.sleep ?? sleepFor;
  const interval = 60_000 / settings.ratePerMinute;
  const maxWait = options.maxWaitMs ?? 10 * 60_000;
  const out: DrainResult = { sent: 0, retried: 0, failed: [], uncertain: [], waiting: 0 };
  out.uncertain = await markStaleUncertain(sql, new Date(deps.now().getTime() - STALE_CLAIM_MS), deps.now());
  let lastSend = 0;
  while (!options.signal?.aborted) {
    // Wait for the rate before claiming: a run stopped while waiting leaves nothing half-sent.
    const since = Date.now() - lastSend;
    if (since < interval) await sleep(interval - since);
    const m = await claimNextMessage(sql, options.day, deps.now());
    if (!m) {
      const next = await nextRetryAt(sql, options.day);
      if (!next) break;
      const wait = next.getTime() - deps.now().getTime();
      if (wait > maxWait) break;
      await sleep(Math.max(0, wait));
      continue;
    }
    lastSend = Date.now();
    const outcome = await sendClaimed(deps, mail, m);
    const now = deps.now();
    if (outcome.ok) {
      if (await markSent(sql, m.id, outcome.response, now)) out.sent++;
    } else if (outcome.permanent || m.attempts >= settings.maxAttempts) {
      const reason = outcome.permanent
        ? outcome.response
        : `${outcome.response} (gave up after ${m.attempts} attempts)`;
      if (await markFailed(sql, m.id, reason, now)) {
        out.failed.push({ ...m, status: 'failed', error: reason });
        await insertAlerts(sql, [failureAlert(m, reason)], m.day, now);
      }
    } else {
      const wait = settings.retrySeconds * 1000 * 2 ** (m.attempts - 1);
      await markRetry(sql, m.id, outcome.response, new Date(now.getTime() + wait), now);
      out.retried++;
    }
  }
  out.waiting = await countQueued(sql, options.day);
  return out;
}
