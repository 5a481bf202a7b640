// `callsheet demo`: loads the demo company and shows what this morning looks like.

import { type Command, Option } from 'commander';
import { readMoneyDisplay } from '../app/company-settings.ts';
import { DEMO_PROFILES } from '../demo/company.ts';
import { loadDemo } from '../demo/load-demo.ts';
import type { DemoProfile, DemoSize, DemoSizeSpec } from '../demo/rows.ts';
import { isIsoDate, todayIn } from '../domain/calendar.ts';
import { amountsText, totalText } from '../domain/money-text.ts';
import { UserError } from '../shared/errors.ts';
import { type BookMoney, receivablesOn } from '../store/invoices.ts';
import type { Store } from '../store/open-store.ts';
import { showTodaysAlerts } from './alerts.ts';
import type { CliContext } from './context.ts';
import { printMorningSheets } from './sheet.ts';

interface DemoFlags {
  size: DemoSize;
  profile: DemoProfile;
  seed: string;
  today?: string;
  quiet?: boolean;
}

export function parseSeed(text: string): number {
  const seed = Number(text);
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new UserError(`--seed must be a whole number ≥ 0, e.g. 42 (got ${text})`, 2);
  return seed;
}

export function parseDateFlag(flag: string, text: string): string {
  if (!isIsoDate(text)) throw new UserError(`${flag} must be a date like 2027-05-28 (got ${text})`, 2);
  return text;
}

export function registerDemo(program: Command, ctx: CliContext): void {
  program
    .command('demo')
    .description('load the demo company (idempotent) and show this morning')
    .addOption(
      new Option('--size <size>', `how big a company (customers: ${sizesHelp()})`)
        .choices(Object.keys(DEMO_PROFILES.mixed.sizes))
        .default('medium'),
    )
    .addOption(
      new Option('--profile <profile>', `the shape of its history — ${profilesHelp()}`)
        .choices(Object.keys(DEMO_PROFILES))
        .default('mixed'),
    )
    .option('--seed <n>', 'random seed: the same seed gives the same rows', '42')
    .option('--today <date>', 'anchor day of the demo (YYYY-MM-DD); default: today')
    .option('--quiet', 'load only, print nothing but errors')
    .action(async (flags: DemoFlags) => {
      const seed = parseSeed(flags.seed);
      const today = flags.today ? parseDateFlag('--today', flags.today) : todayIn('UTC');
      const started = performance.now();
      await ctx.withStore(
        async (store) => {
          const progress =
            ctx.isTty && !flags.quiet ? (line: string) => ctx.stderr(`\r${line}   `) : () => {};
          const { size, profile } = flags;
          const result = await loadDemo(store, { size, seed, today, profile }, progress);
          if (ctx.isTty && !flags.quiet) ctx.stderr('\r');
          if (flags.quiet) return;
          const seconds = ((performance.now() - started) / 1000).toFixed(1);
          const verb = { loaded: 'Loaded', replaced: 'Reloaded', unchanged: 'Already loaded' }[result.status];
          ctx.say(
            `${verb} the ${size} demo company (${profile === 'mixed' ? '' : `profile ${profile}, `}seed ${seed}, ` +
              `as of ${today}) into ${store.location} in ${seconds}s.\n`,
          );
          const c = result.counts;
          ctx.say(
            `  ${c.collectors} collectors, ${c.customers} customers, ${c.contacts} contacts, ${c.invoices} invoices, ` +
              `${c.payments} payments, ${c.orders} orders, ${c.interactions} logged calls\n`,
          );
          await printReceivables(store, today, ctx);
          ctx.say('\nPlanted behaviours (for the engine and alerts to find):\n');
          for (const [what, codes] of Object.entries(result.marker.planted).sort(([a], [b]) =>
            a.localeCompare(b),
          )) {
            ctx.say(
              `  ${what.replace(/_/g, ' ').padEnd(26)} ${codes.length}  e.g. ${codes.slice(0, 3).join(', ')}\n`,
            );
          }
          await printMorningSheets(store, today, ctx);
          await showTodaysAlerts(store, today, ctx.say);
        },
        { migrations: 'auto' },
      );
    });
}

function sizesHelp(): string {
  const customers = (sizes: Record<DemoSize, DemoSizeSpec>) =>
    Object.values(sizes)
      .map((s) => s.customers.toLocaleString('en-US'))
      .join(' / ');
  return Object.entries(DEMO_PROFILES)
    .map(([name, p]) => `${name} ${customers(p.sizes)}`)
    .join('; ');
}

function profilesHelp(): string {
  return Object.entries(DEMO_PROFILES)
    .map(([name, p]) => `${name}: ${p.summary}`)
    .join('; ');
}

async function printReceivables(store: Store, today: string, ctx: CliContext): Promise<void> {
  const display = await readMoneyDisplay(store.sql);
  const ar = await receivablesOn(store.sql, today, display.base);
  // Per currency with the base total, as the sheets show it; without a rate, per currency only.
  const money = (m: BookMoney) =>
    m.baseCents === null ? amountsText(m.byCurrency, display) : totalText(m.byCurrency, m.baseCents, display);
  ctx.say(
    `  open receivables ${money(ar.open)}; overdue ${money(ar.overdue)} across ${ar.customers} customers; ` +
      `more than 90 days past due ${money(ar.over90)}\n`,
  );
}
