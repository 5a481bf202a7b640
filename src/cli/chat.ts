// `callsheet chat --as <collector>`: the console chat (the embedded default's Slack/Teams), and
// `callsheet logcall --as <collector> "<text>"`: one call logged from a script.

import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { runConsoleChat } from '../adapters/console/console-chat.ts';
import { customerBrief } from '../app/commands/account-facts.ts';
import { findActor } from '../app/commands/actor.ts';
import { parseForActor } from '../app/commands/log-call.ts';
import { runCommand } from '../app/commands/run-command.ts';
import { currencyMismatch } from '../domain/grammar/currency-check.ts';
import type { GrammarError } from '../domain/grammar/intent.ts';
import { decimalFromCents } from '../domain/money.ts';
import { escapeControls } from '../domain/safe-text.ts';
import { UserError } from '../shared/errors.ts';
import { someCollectorCodes } from '../store/collectors.ts';
import type { Store } from '../store/open-store.ts';
import { renderReplyText } from '../views/console/reply-text.ts';
import type { CliContext } from './context.ts';

interface LogcallFlags {
  as: string;
  at?: string;
  json?: boolean;
  dryRun?: boolean;
  key?: string;
}

function parseAt(text: string | undefined): () => Date {
  if (text === undefined) return () => new Date();
  const at = new Date(text);
  if (Number.isNaN(at.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(text))
    throw new UserError(`--at must be an ISO time like 2027-05-28T15:00:00Z (got ${text})`, 2);
  return () => at;
}

async function requireActor(store: Store, code: string) {
  const actor = await findActor(store.sql, { platform: 'cli', id: code });
  if (!actor) {
    const known = await someCollectorCodes(store.sql, 10);
    throw new UserError(
      `no collector has the code '${code}'${known.length ? `; try one of: ${known.join(', ')}` : '; load data first (`callsheet demo` or `callsheet import`)'}`,
    );
  }
  return actor;
}

export function registerChat(program: Command, ctx: CliContext): void {
  program
    .command('chat')
    .description('chat with Callsheet in the terminal, as a collector (reads commands from stdin when piped)')
    .requiredOption('--as <collector>', 'collector code, e.g. ava')
    .action(async (flags: { as: string }) => {
      await ctx.withStore(async (store) => {
        await requireActor(store, flags.as);
        const interactive = Boolean(process.stdin.isTTY) && ctx.isTty;
        const { errors } = await runConsoleChat({
          deps: {
            store,
            now: () => new Date(),
            reportError: (err) => ctx.stderr(`callsheet: ${escapeControls(String(err))}\n`),
          },
          as: flags.as,
          input: process.stdin,
          output: process.stdout,
          write: ctx.say,
          interactive,
          historyFile: path.join(os.homedir(), '.callsheet_history'),
        });
        if (!interactive && errors) ctx.exitCode = 1;
      });
    });

  program
    .command('logcall')
    .description('log one call outcome, e.g. callsheet logcall --as ava "ACME promised 5k by 5/30"')
    .requiredOption('--as <collector>', 'collector code, e.g. ava')
    .option('--at <time>', 'when it happened (ISO time); default: now')
    .option('--json', 'print the reply as JSON')
    .option('--dry-run', 'write nothing; print the parsed intent as JSON')
    .option('--key <id>', 'idempotency key: re-running with the same key records once')
    .argument('<text...>', 'the /logcall text')
    .action(async (words: string[], flags: LogcallFlags) => {
      const now = parseAt(flags.at);
      const text = words.join(' ');
      await ctx.withStore(async (store) => {
        const actor = await requireActor(store, flags.as);
        const deps = { store, now };
        if (flags.dryRun) {
          const refuse = (error: GrammarError) => {
            ctx.stdout(
              `${JSON.stringify({ ok: false, error: error.message, code: error.code, suggestions: (error.choices ?? []).map((c) => ({ code: c.code, name: c.name })) })}\n`,
            );
            ctx.exitCode = 1;
          };
          const parsed = await parseForActor(deps, actor, text);
          if (!parsed.ok) return refuse(parsed.error);
          const i = parsed.value;
          const { currency } = await customerBrief(store.sql, i.customer.id);
          const mismatch = currencyMismatch(i, currency);
          if (mismatch) return refuse(mismatch);
          ctx.stdout(
            `${JSON.stringify({
              ok: true,
              customer: { code: i.customer.code, name: i.customer.name },
              outcome: i.outcome,
              amount: i.amountCents === null ? null : decimalFromCents(i.amountCents),
              currency,
              date: i.date,
              invoice: i.invoices[0] ?? null,
              note: i.note,
              ...(i.time ? { time: i.time } : {}),
              ...(i.reference ? { reference: i.reference } : {}),
              ...(i.plan
                ? {
                    plan: i.plan.instalments.map((p) => ({
                      due: p.dueOn,
                      amount: decimalFromCents(p.amountCents),
                    })),
                  }
                : {}),
              ...(i.confirm ? { confirm: i.confirm } : {}),
            })}\n`,
          );
          return;
        }
        const reply = await runCommand(
          { ...deps, reportError: (err) => ctx.stderr(`callsheet: ${escapeControls(String(err))}\n`) },
          {
            command: 'logcall',
            text,
            user: { platform: 'cli', id: flags.as },
            idempotencyKey: flags.key ?? randomUUID(),
          },
        );
        if (flags.json) ctx.stdout(`${JSON.stringify(reply)}\n`);
        else ctx.say(renderReplyText(reply));
        if (reply.tone === 'error') ctx.exitCode = 1;
      });
    });
}
