// `callsheet policy fit`: tunes the lateness model on the company's own history and shows the
// before/after figures on a later window than the one it learned from.
import type { Command } from 'commander';
import { systemClock } from '../app/deps.ts';
import { type FitReport, fitPolicy, type WindowScore } from '../app/fit-policy.ts';
import { UserError } from '../shared/errors.ts';
import type { CliContext } from './context.ts';
import { parseDateFlag } from './demo.ts';

interface FitFlags {
  from?: string;
  to?: string;
  every: string;
  capacity?: string;
  dryRun?: boolean;
  json?: boolean;
  as: string;
}

const pct = (x: number | null) => (x === null ? '–' : `${x.toFixed(1)}%`);
const params = (p: FitReport['before']) =>
  `shrinkage ${p.shrinkage}, spread floor ${p.spreadFloorDays} days, trend weight ${p.trendWeight}, surprise rate ${p.surpriseRate}`;
const windowLine = (label: string, w: WindowScore) =>
  `  ${label.padEnd(24)} ${w.from} to ${w.to} (${w.days} days): before ${pct(w.before)}, after ${pct(w.after)}; largest overdue first ${pct(w.largestOverdue)}`;

export function fitText(r: FitReport): string {
  return [
    `Still-early late dollars on the lists (${r.capacity} calls a day), before and after the fit:`,
    windowLine('learned from', r.fit),
    windowLine('judged on (later days)', r.test),
    `  before: ${params(r.before)}`,
    `  fitted: ${params(r.fitted)}`,
    r.saved
      ? '  Saved as the policy settings (`callsheet settings` shows them; `callsheet settings reset policy.lateness.<name>` puts one back).'
      : `  Not saved: ${r.kept ?? 'dry run'}.`,
    '',
  ].join('\n');
}

export function registerPolicy(program: Command, ctx: CliContext): void {
  const policy = program.command('policy').description('the collections policy: fit the lateness model');
  policy
    .command('fit')
    .description(
      'fit the lateness model (shrinkage, spread floor, trend weight, surprise rate) on past days; judged on later days, saved if not worse',
    )
    .option(
      '--from <date>',
      'first day to learn from (YYYY-MM-DD); default: 4 months before the judged window',
    )
    .option('--to <date>', 'last day to learn from; the 2 months after it are the judged window')
    .option('--every <n>', 'replay every n-th business day', '3')
    .option('--capacity <n>', "calls a day; default: the collectors' daily capacities")
    .option('--dry-run', 'show the figures, change nothing')
    .option('--json', 'print JSON')
    .option('--as <who>', 'who is changing the policy (recorded)', 'cli')
    .action(async (flags: FitFlags) => {
      const every = Number(flags.every);
      if (!Number.isInteger(every) || every < 1)
        throw new UserError(`--every must be a whole number of business days ≥ 1 (got ${flags.every})`, 2);
      let capacity: number | undefined;
      if (flags.capacity !== undefined) {
        capacity = Number(flags.capacity);
        if (!Number.isInteger(capacity) || capacity < 1)
          throw new UserError(`--capacity must be a whole number of calls ≥ 1 (got ${flags.capacity})`, 2);
      }
      await ctx.withStore(async (store) => {
        const progress = ctx.isTty ? (line: string) => ctx.stderr(`\r${line}   `) : undefined;
        const result = await fitPolicy(
          { store, now: systemClock },
          {
            from: flags.from === undefined ? undefined : parseDateFlag('--from', flags.from),
            to: flags.to === undefined ? undefined : parseDateFlag('--to', flags.to),
            every,
            capacity,
            dryRun: flags.dryRun,
            actor: { actor: flags.as, source: 'cli' },
            ...(progress ? { progress } : {}),
          },
        );
        if (progress) ctx.stderr('\r');
        if (!result.ok) throw new UserError(result.error.message, result.error.code === 'bad_period' ? 2 : 1);
        if (flags.json) ctx.stdout(`${JSON.stringify(result.value, null, 2)}\n`);
        else ctx.say(fitText(result.value));
      });
    });
}
