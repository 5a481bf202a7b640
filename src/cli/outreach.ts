// `callsheet outreach preview|send|status|requeue|opt-out`: the automated tier's e-mails from the
// command line — what would go out today, sending it through SMTP exactly once, and the ledger.
import type { Command } from 'commander';
import { findCustomer } from '../app/commands/customers.ts';
import { systemClock } from '../app/deps.ts';
import { planOutreachBatch } from '../app/outreach/plan-outreach-batch.ts';
import { outreachStatus, sendOutreachBatch, skipOutreachDay } from '../app/outreach/send-batch.ts';
import { shown } from '../domain/safe-text.ts';
import { mailDeps } from '../server/smtp-mailer.ts';
import { UserError } from '../shared/errors.ts';
import { requeueMessage, setOptOut } from '../store/outreach.ts';
import { batchText, sendText, statusText } from '../views/console/outreach-text.ts';
import type { CliContext } from './context.ts';
import { parseDateFlag } from './demo.ts';

const dateOf = (flags: { date?: string }) => (flags.date ? parseDateFlag('--date', flags.date) : undefined);

function json(ctx: CliContext, value: unknown) {
  ctx.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

export function registerOutreach(program: Command, ctx: CliContext): void {
  const outreach = program
    .command('outreach')
    .description("the automated tier's reminder e-mails: preview, send (exactly once), status");

  outreach
    .command('preview')
    .description("what today's batch would send, to whom, and who needs a person instead")
    .option('--date <date>', 'as of this day (YYYY-MM-DD); default: today')
    .option('--limit <n>', 'list at most this many of each', '50')
    .option('--json', 'print JSON')
    .action(async (flags: { date?: string; json?: boolean; limit: string }) => {
      await ctx.withStore(async (store) => {
        const batch = await planOutreachBatch(
          { store, now: systemClock },
          { asOf: dateOf(flags), templatesDir: ctx.config().OUTREACH_TEMPLATES_DIR },
        );
        if (flags.json) json(ctx, batch);
        else ctx.say(batchText(batch, Math.max(1, Number(flags.limit) || 50)));
      });
    });

  outreach
    .command('send')
    .description("send today's batch through SMTP_URL; a rerun sends only what is not sent yet")
    .option('--date <date>', 'as of this day (YYYY-MM-DD); default: today')
    .option('--json', 'print JSON')
    .action(async (flags: { date?: string; json?: boolean }) => {
      const mail = mailDeps(ctx.config());
      // Ctrl-C or a stop signal: finish the message in flight, record it, claim no more.
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        await ctx.withStore(async (store) => {
          const r = await sendOutreachBatch({ store, now: systemClock }, mail, {
            asOf: dateOf(flags),
            actor: { code: 'system', source: 'cli' },
            signal: stop.signal,
          });
          if (flags.json)
            json(ctx, {
              date: r.batch.asOf,
              summary: r.batch.summary,
              queued: r.queued,
              ...r.drain,
              manual: r.batch.manual,
              held: r.batch.held,
            });
          else ctx.say(sendText(r));
          if (r.drain.failed.length) ctx.exitCode = 1;
        });
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        mail.mailer.close();
      }
    });

  outreach
    .command('skip')
    .description("skip today's batch: nothing of it is sent, not even by a later send")
    .option('--date <date>', 'as of this day (YYYY-MM-DD); default: today')
    .action(async (flags: { date?: string }) => {
      await ctx.withStore(async (store) => {
        const from = ctx.config().OUTREACH_FROM ?? 'callsheet@callsheet.invalid';
        const r = await skipOutreachDay(
          { store, now: systemClock },
          { from, templatesDir: ctx.config().OUTREACH_TEMPLATES_DIR },
          { asOf: dateOf(flags), actor: { code: 'system', source: 'cli' } },
        );
        ctx.say(`Skipped the batch of ${r.asOf}: ${r.cancelled} message(s) cancelled.\n`);
      });
    });

  outreach
    .command('status')
    .description("the ledger of a day: sent, queued, failed (with the server's reply), uncertain")
    .option('--date <date>', 'this day (YYYY-MM-DD); default: today')
    .option('--json', 'print JSON')
    .action(async (flags: { date?: string; json?: boolean }) => {
      await ctx.withStore(async (store) => {
        const day = dateOf(flags);
        const s = await outreachStatus({ store, now: systemClock }, day ? { day } : {});
        if (flags.json)
          json(ctx, {
            ...s,
            messages: s.messages.map(({ bodyText, bodyHtml, ...m }) => m),
            problems: s.problems.map(({ bodyText, bodyHtml, ...m }) => m),
          });
        else ctx.say(statusText(s));
      });
    });

  outreach
    .command('requeue <id>')
    .description('send a failed or uncertain message again (after checking it was not delivered)')
    .action(async (id: string) => {
      const n = Number(id);
      if (!Number.isSafeInteger(n) || n < 1)
        throw new UserError(`message id must be a number (got ${id})`, 2);
      await ctx.withStore(async (store) => {
        if (!(await requeueMessage(store.sql, n, systemClock())))
          throw new UserError(
            `message #${n} is not failed or uncertain: \`callsheet outreach status\` lists them`,
          );
        ctx.say(`Message #${n} is queued again: \`callsheet outreach send\` sends it.\n`);
      });
    });

  outreach
    .command('opt-out <customer>')
    .description('stop (or with --undo, resume) reminder e-mails to a customer')
    .option('--undo', 'resume e-mails')
    .action(async (ref: string, flags: { undo?: boolean }) => {
      await ctx.withStore(async (store) => {
        const found = await findCustomer(store.sql, ref);
        if (!found.ok) throw new UserError(shown(found.title));
        await setOptOut(store.sql, found.customer.id, !flags.undo);
        ctx.say(`${found.customer.code}: reminder e-mails ${flags.undo ? 'resumed' : 'stopped'}.\n`);
      });
    });
}
