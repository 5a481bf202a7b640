// `callsheet backtest`: Callsheet's call lists against three naive baselines over a past period.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { runBacktest } from '../app/backtest.ts';
import { policyTrials } from '../app/backtest-trials.ts';
import { systemClock } from '../app/deps.ts';
import { UserError } from '../shared/errors.ts';
import { backtestTableText } from '../views/console/backtest-table.ts';
import { renderBacktestHtml } from '../views/html/backtest-report.ts';
import { loadChartAssets } from '../views/html/chart-assets.ts';
import type { CliContext } from './context.ts';
import { parseDateFlag, parseSeed } from './demo.ts';

interface BacktestFlags {
  from: string;
  to: string;
  capacity?: string;
  seed: string;
  every: string;
  json?: boolean;
  out?: string;
  countReminded?: boolean;
  try: string[];
}

export function registerBacktest(program: Command, ctx: CliContext): void {
  program
    .command('backtest')
    .description("replay past days: Callsheet's call lists against naive baselines (see docs/backtest.md)")
    .requiredOption('--from <date>', 'first day (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'last day (YYYY-MM-DD), no later than the history')
    .option('--capacity <n>', "calls a day for the team; default: the collectors' daily capacities")
    .option('--seed <n>', 'seed of the random baseline', '42')
    .option('--every <n>', 'replay every n-th business day only (faster on long periods)', '1')
    .option('--json', 'print the whole report as JSON (money in integer cents)')
    .option('--count-reminded', 'also score Callsheet with the customers it e-mailed counted as contacted')
    .option('--out <file>', 'also write a self-contained HTML report with charts')
    .option(
      '--try <setting=value>',
      'also replay Callsheet with one policy setting changed, e.g. policy.oldestShare=0.15 (repeatable; nothing is stored)',
      (value: string, all: string[]) => [...all, value],
      [] as string[],
    )
    .action(async (flags: BacktestFlags) => {
      const from = parseDateFlag('--from', flags.from);
      const to = parseDateFlag('--to', flags.to);
      const seed = parseSeed(flags.seed);
      let capacity: number | undefined;
      if (flags.capacity !== undefined) {
        capacity = Number(flags.capacity);
        if (!Number.isInteger(capacity) || capacity < 1)
          throw new UserError(`--capacity must be a whole number of calls ≥ 1 (got ${flags.capacity})`, 2);
      }
      const every = Number(flags.every);
      if (!Number.isInteger(every) || every < 1)
        throw new UserError(`--every must be a whole number of business days ≥ 1 (got ${flags.every})`, 2);
      await ctx.withStore(async (store) => {
        const deps = { store, now: systemClock };
        const progress = ctx.isTty
          ? (done: number, total: number) => ctx.stderr(`\rday ${done}/${total}   `)
          : undefined;
        const tries = await policyTrials(store.sql, flags.try);
        const result = await runBacktest(deps, {
          tries,
          from,
          to,
          capacity,
          seed,
          every,
          countReminded: flags.countReminded === true,
          ...(progress ? { progress } : {}),
        });
        if (progress) ctx.stderr('\r');
        if (!result.ok) throw new UserError(result.error.message, result.error.code === 'bad_period' ? 2 : 1);
        if (flags.out) writeFileSync(flags.out, renderBacktestHtml(result.value, loadChartAssets()));
        if (flags.json) ctx.stdout(`${JSON.stringify(result.value, null, 2)}\n`);
        else ctx.say(backtestTableText(result.value));
        if (flags.out && !flags.json) ctx.say(`Report written to ${flags.out}\n`);
      });
    });
}
