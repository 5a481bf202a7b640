// `callsheet account <customer>`: the account through the lateness model — each open invoice's
// probability of being paid more than L days late, and the expected late dollars — for scripts.
import type { Command } from 'commander';
import { assessAccount } from '../app/assess-account.ts';
import { findCustomer } from '../app/commands/customers.ts';
import { systemClock } from '../app/deps.ts';
import { accountMessageLine, accountMessages } from '../app/outreach/account-outreach.ts';
import { todayIn } from '../domain/calendar.ts';
import { decimalFromCents } from '../domain/money.ts';
import { totalText } from '../domain/money-text.ts';
import { shown } from '../domain/safe-text.ts';
import { UserError } from '../shared/errors.ts';
import type { CliContext } from './context.ts';
import { parseDateFlag } from './demo.ts';

export function registerAccount(program: Command, ctx: CliContext): void {
  program
    .command('account <customer>')
    .description("an account's open invoices, each with its probability of being paid more than L days late")
    .option('--date <date>', 'as of this day (YYYY-MM-DD); default: today')
    .option('--json', 'print JSON (money as decimal strings and integer cents)')
    .action(async (ref: string, flags: { date?: string; json?: boolean }) => {
      await ctx.withStore(async (store) => {
        const found = await findCustomer(store.sql, ref);
        if (!found.ok)
          throw new UserError(
            `${shown(found.title)}${found.choices.length ? ` (${found.choices.map((c) => c.code).join(', ')})` : ''}`,
          );
        const asOf = flags.date ? parseDateFlag('--date', flags.date) : todayIn('UTC', systemClock());
        const late = await assessAccount({ store, now: systemClock }, found.customer.id, asOf, 'UTC');
        const customer = { code: found.customer.code, name: found.customer.name };
        const emails = await accountMessages(store.sql, found.customer.id, 10);
        if (flags.json) {
          ctx.stdout(
            `${JSON.stringify(
              {
                customer,
                date: asOf,
                lateDays: late?.lateDays ?? null,
                expectedLateCents: late?.expectedLateCents ?? 0,
                lateProbability: late ? Number(late.lateProbability.toFixed(4)) : 0,
                reason: late?.reason ?? null,
                base: late?.display.base ?? null,
                invoices: (late?.invoices ?? []).map((i) => ({
                  number: i.number,
                  daysPastDue: i.daysPastDue,
                  currency: i.own.currency,
                  openInCurrency: decimalFromCents(i.own.cents),
                  open: decimalFromCents(i.openCents),
                  expectedLateCents: i.agency ? 0 : Math.round(i.openCents * i.lateProbability),
                  lateProbability: Number(i.lateProbability.toFixed(4)),
                  agencyStep: i.agency,
                })),
                emails,
              },
              null,
              2,
            )}\n`,
          );
          return;
        }
        const sent = emails.map((m) => `  ${accountMessageLine(m)}\n`).join('');
        if (!late) {
          ctx.say(`${customer.code} ${customer.name}: nothing open on ${asOf}.\n${sent}`);
          return;
        }
        // Each invoice in its own currency, with its base value beside it when that differs.
        const lines = late.invoices.map(
          (i) =>
            `  ${i.number.padEnd(14)} ${totalText([i.own], i.openCents, late.display).padStart(14)} ${`${i.daysPastDue}d`.padStart(6)}  ${i.agency ? 'agency step' : `${(i.lateProbability * 100).toFixed(0)}% likely late`}`,
        );
        ctx.say(
          `${customer.code} ${customer.name} on ${asOf}\n  ${late.reason}\n${lines.join('\n')}\n${sent}`,
        );
      });
    });
}
