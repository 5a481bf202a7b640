// The automatic send (setting outreach.autoSend): on business mornings, in the tick after the
// digests, the day's automated batch goes out. Period key: the team's local date, so a restart
// or a second replica never sends a day twice; a run that leaves retries waiting fails, and the job
// ledger runs it again later — the rerun queues nothing new and sends only what is left.
import { z } from 'zod';
import { commandSettings } from '../app/commands/settings.ts';
import { type OutreachChatOptions, outreachBatchPrompt } from '../app/outreach/approve-batch.ts';
import { outreachSettings } from '../app/outreach/outreach-settings.ts';
import { isBusinessDay } from '../app/schedule-settings.ts';
import type { IsoDate } from '../domain/calendar.ts';
import { activeRecipients } from '../store/collectors.ts';
import { countQueued, pendingFollowUps } from '../store/outreach.ts';
import { readSettings } from '../store/settings.ts';
import { defineJob, isoDay, type Job, type JobContext } from './job.ts';
import { dailyState } from './schedule.ts';

/** Sending with the SMTP set-up bound in (src/app/outreach/send-batch.ts, send-follow-ups.ts). */
export interface OutreachSender {
  /** The mail set-up as the chat approval sees it. */
  chat: OutreachChatOptions;
  batch(ctx: JobContext, asOf: IsoDate): Promise<{ sent: number; failed: number; waiting: number }>;
  followUps(ctx: JobContext): Promise<{ queued: number; skipped: number }>;
}

const payload = z.object({ asOf: isoDay });

/** The team's morning: the digest time in the (first) manager's zone, on business days. */
async function morningOf(ctx: JobContext) {
  const people = await activeRecipients(ctx.deps.store.sql);
  const zone = (people.find((p) => p.role === 'manager') ?? people[0])?.timeZone ?? 'UTC';
  const s = ctx.settings;
  return dailyState(ctx.now, zone, s.digestTime, s.catchUpHours, (d) => isBusinessDay(d, s));
}

/**
 * The manager's approval prompt, after the digests, when sending is not automatic: posted once per
 * day through each chat surface that can show it (Preview / Send / Skip today).
 */
export function outreachApprovalJob(send: OutreachSender): Job {
  return defineJob({
    id: 'outreach-approval',
    payload,
    async due(ctx) {
      const { autoSend } = await readSettings(ctx.deps.store.sql, outreachSettings);
      if (autoSend) return { due: [] };
      const { date, state } = await morningOf(ctx);
      const period = { periodKey: date, payload: { asOf: date } };
      if (state === 'due') return { due: [period] };
      return state === 'missed' ? { due: [], missed: [period] } : { due: [] };
    },
    async run(ctx, { asOf }) {
      if (!ctx.publisher.postOutreachBatch)
        return { delivered: false, reason: 'this surface shows no approval' };
      const prompt = await outreachBatchPrompt(ctx.deps, send.chat, asOf);
      if (!prompt.emails) return { delivered: false, reason: 'nothing to send today' };
      return ctx.publisher.postOutreachBatch(prompt);
    },
  });
}

export function outreachSendJob(send: OutreachSender): Job {
  return defineJob({
    id: 'outreach-send',
    payload,
    async due(ctx) {
      const { autoSend } = await readSettings(ctx.deps.store.sql, outreachSettings);
      const { date, state } = await morningOf(ctx);
      // Sent automatically, or once a manager approved it in chat (the batch is then queued).
      if (!autoSend) {
        const approved = state !== 'off' && (await countQueued(ctx.deps.store.sql, date)) > 0;
        return { due: approved ? [{ periodKey: `${date}:approved`, payload: { asOf: date } }] : [] };
      }
      const period = { periodKey: date, payload: { asOf: date } };
      if (state === 'due') return { due: [period] };
      return state === 'missed' ? { due: [], missed: [period] } : { due: [] };
    },
    async run(ctx, { asOf }) {
      const r = await send.batch(ctx, asOf);
      if (r.waiting > 0) throw new Error(`${r.waiting} message(s) wait for a retry (sent ${r.sent} so far)`);
      return r;
    },
  });
}

/**
 * Written summaries and promise confirmations: due when a call logged since the last run is past its
 * undo window; the period is the newest such call, so each batch of calls is handled once.
 */
export function outreachFollowUpJob(send: OutreachSender): Job {
  return defineJob({
    id: 'outreach-follow-ups',
    payload: z.object({ upTo: z.number().int() }),
    async due(ctx) {
      const sql = ctx.deps.store.sql;
      const { followUps } = await readSettings(sql, outreachSettings);
      if (!followUps) return { due: [] };
      const { undoMinutes } = await readSettings(sql, commandSettings);
      const pending = await pendingFollowUps(sql, {
        since: new Date(ctx.now.getTime() - 2 * 86_400_000),
        until: new Date(ctx.now.getTime() - undoMinutes * 60_000),
        limit: 500,
      });
      const upTo = pending.at(-1)?.interactionId;
      return { due: upTo === undefined ? [] : [{ periodKey: `upto:${upTo}`, payload: { upTo } }] };
    },
    run: (ctx) => send.followUps(ctx),
  });
}
