// `callsheet kpis`: DSO, best possible DSO, ADD, CEI, promise-kept rate, contacts per day and the
// aging profile for the team and each collector, per month.
import type { Command } from 'commander';
import { computeKpis } from '../app/compute-kpis.ts';
import { systemClock } from '../app/deps.ts';
import { UserError } from '../shared/errors.ts';
import { kpiTableText } from '../views/console/kpi-table.ts';
import type { CliContext } from './context.ts';
import { parseDateFlag } from './demo.ts';

interface KpiFlags {
  month?: string;
  months: string;
  collector?: string;
  json?: boolean;
  today?: string;
}

export function registerKpis(program: Command, ctx: CliContext): void {
  program
    .command('kpis')
    .description('collections KPIs per month for the team and each collector (see docs/kpis.md)')
    .option('--month <YYYY-MM>', 'the month to report; default: this month so far')
    .option('--months <n>', 'how many months ending with --month', '1')
    .option('--collector <code>', 'only this collector')
    .option('--json', 'print JSON (money in integer cents) instead of a table')
    .option('--today <date>', 'the day to treat as today (YYYY-MM-DD), e.g. the demo’s anchor day')
    .action(async (flags: KpiFlags) => {
      const months = Number(flags.months);
      if (!Number.isInteger(months) || months < 1 || months > 60)
        throw new UserError(`--months must be a whole number from 1 to 60 (got ${flags.months})`, 2);
      const today = flags.today ? parseDateFlag('--today', flags.today) : undefined;
      await ctx.withStore(async (store) => {
        const result = await computeKpis(
          { store, now: systemClock },
          { month: flags.month, months, collectorCode: flags.collector, today },
        );
        if (!result.ok) throw new UserError(result.error.message, result.error.code === 'bad_month' ? 2 : 1);
        if (flags.json) ctx.stdout(`${JSON.stringify(result.value, null, 2)}\n`);
        else ctx.say(kpiTableText(result.value, { showTeam: !flags.collector }));
      });
    });
}
