// The manager's morning approval in chat: "Today's automated batch: 312 e-mails to 287 customers,
// $1.2M — [Preview] [Send] [Skip today]". One use case for Slack and Teams: the prompt, and the
// answer to each button as a Reply they already know how to render. Send approves the day's batch
// by writing it to the ledger as queued; the scheduler's outreach-send job sends it in its next tick
// (so a chat request never waits on SMTP); Skip cancels it for the day.
import type { IsoDate } from '../../domain/calendar.ts';
import { totalText } from '../../domain/outreach/message-view.ts';
import { collectorByUser, type UserPlatform } from '../../store/collectors.ts';
import { errorReply } from '../commands/replies.ts';
import type { AppDeps } from '../deps.ts';
import type { Reply } from '../reply.ts';
import { type OutreachBatch, planOutreachBatch } from './plan-outreach-batch.ts';
import { skipOutreachDay } from './send-batch.ts';
import { queueDrafts } from './send-outreach.ts';

export type BatchDecision = 'preview' | 'send' | 'skip';

/** What a chat surface knows of the mail set-up (from the environment, at start-up). */
export interface OutreachChatOptions {
  /** OUTREACH_FROM; null when no mail server is configured (Send then says what to set). */
  from: string | null;
  templatesDir?: string | undefined;
}

/** How many of the batch's messages Preview lists. */
const PREVIEW_LISTED = 10;

export function batchHeadline(batch: OutreachBatch): string {
  const { emails, customers, totals } = batch.summary;
  const money = totals.length ? totalText(totals) : '$0.00';
  return `Today's automated batch: ${emails} e-mail${emails === 1 ? '' : 's'} to ${customers} customer${customers === 1 ? '' : 's'}, ${money}`;
}

/** The morning prompt (the surfaces add Preview / Send / Skip today buttons for `asOf`). */
export async function outreachBatchPrompt(
  deps: AppDeps,
  options: OutreachChatOptions,
  asOf?: IsoDate,
): Promise<{ asOf: IsoDate; reply: Reply; emails: number }> {
  const batch = await planOutreachBatch(deps, { asOf, templatesDir: options.templatesDir });
  const lines = [
    ...(batch.manual.length
      ? [`${batch.manual.length} customer(s) need a person instead (no e-mail address, a broken promise).`]
      : []),
    ...(batch.held.length
      ? [`${batch.held.length} held back (a promise or dispute open, a hold, an opt-out, a call today).`]
      : []),
  ];
  return {
    asOf: batch.asOf,
    emails: batch.drafts.length,
    reply: { tone: 'info', title: batchHeadline(batch), lines, private: false },
  };
}

function preview(batch: OutreachBatch): Reply {
  const sample = batch.drafts[0];
  const lines = sample
    ? [
        `Sample to ${sample.to.name} <${sample.to.email}> — ${sample.subject}`,
        ...sample.text.trim().split('\n').slice(0, 12),
      ]
    : ['Nothing to send today.'];
  for (const m of batch.manual.slice(0, 5)) lines.push(`For a person: ${m.code} — ${m.detail}`);
  return {
    tone: 'info',
    title: batchHeadline(batch),
    lines,
    table: {
      columns: ['Customer', 'Message', 'Total', 'To'],
      rows: batch.drafts
        .slice(0, PREVIEW_LISTED)
        .map((d) => [d.code, d.kind.replace(/_/g, ' '), totalText(d.totals), d.to.email]),
    },
    private: true,
  };
}

export async function decideOutreachBatch(
  deps: AppDeps,
  options: OutreachChatOptions,
  input: { user: { platform: UserPlatform; id: string }; asOf: IsoDate; decision: BatchDecision },
): Promise<Reply> {
  const me = await collectorByUser(deps.store.sql, input.user.platform, input.user.id);
  if (!me)
    return errorReply('You are not linked to a collector yet.', [
      'Ask an admin to add your chat user id to collectors.csv.',
    ]);
  if (me.role !== 'manager')
    return errorReply('Only a collections manager can approve the automated batch.', ['Ask your manager.']);
  const actor = { code: me.code, source: input.user.platform };
  const from = options.from;
  if (input.decision === 'preview') {
    return preview(await planOutreachBatch(deps, { asOf: input.asOf, templatesDir: options.templatesDir }));
  }
  if (input.decision === 'skip') {
    const r = await skipOutreachDay(
      deps,
      { from: from ?? 'callsheet@callsheet.invalid', templatesDir: options.templatesDir },
      { asOf: input.asOf, actor },
    );
    return {
      tone: 'ok',
      title: `Skipped by ${me.name}: ${r.cancelled} message(s) of ${r.asOf} will not be sent.`,
      private: false,
    };
  }
  if (from === null)
    return errorReply('No mail server is configured.', [
      'Set SMTP_URL and OUTREACH_FROM, restart, then press Send again.',
    ]);
  const batch = await planOutreachBatch(deps, { asOf: input.asOf, templatesDir: options.templatesDir });
  const queued = await queueDrafts(deps, { from }, batch.asOf, batch.drafts, actor);
  return {
    tone: 'ok',
    title: `Approved by ${me.name}: ${batchHeadline(batch).replace("Today's automated batch: ", '')}.`,
    lines: [
      queued === batch.drafts.length
        ? 'They go out within a minute; `callsheet outreach status` shows each one.'
        : `${queued} newly queued (the rest were already queued, sent or skipped).`,
    ],
    private: false,
  };
}
