// `callsheet jobs`: recent scheduled runs and failures from the ledger. `callsheet digest --now`:
// this morning's sheets (and the team summary) on demand, printed here.
import type { Command } from 'commander';
import { createConsolePublisher } from '../adapters/console/console-publisher.ts';
import { buildCallSheets } from '../app/build-call-sheets.ts';
import { systemClock } from '../app/deps.ts';
import { listRuns } from '../jobs/ledger.ts';
import { localClock } from '../jobs/schedule.ts';
import { UserError } from '../shared/errors.ts';
import type { CliContext } from './context.ts';

export function registerJobs(program: Command, ctx: CliContext): void {
  program
    .command('jobs')
    .description('recent scheduled runs (digests, promise evaluation, alert scans) and failures')
    .option('--failed', 'only failures and missed digests')
    .option('--limit <n>', 'at most this many runs', '30')
    .option('--json', 'print JSON')
    .action(async (flags: { failed?: boolean; limit: string; json?: boolean }) => {
      const limit = Number(flags.limit);
      if (!Number.isSafeInteger(limit) || limit < 1)
        throw new UserError(`--limit must be a whole number ≥ 1 (got ${flags.limit})`, 2);
      await ctx.withStore(async (store) => {
        const runs = await listRuns(store.sql, { limit, failedOnly: flags.failed ?? false });
        if (flags.json) return ctx.stdout(`${JSON.stringify(runs, null, 2)}\n`);
        if (!runs.length)
          return ctx.stdout(
            flags.failed ? 'No failed runs.\n' : 'No runs yet: `callsheet serve` runs the schedules.\n',
          );
        for (const r of runs) {
          const when = r.finishedAt ?? r.startedAt ?? r.createdAt;
          const retry = r.status === 'failed' && r.nextAttemptAt ? `, retry at ${r.nextAttemptAt}` : '';
          const error = r.lastError ? ` — ${r.lastError.replace(/\p{Cc}/gu, ' ')}` : '';
          ctx.stdout(
            `${when}  ${r.status.padEnd(9)} ${r.job.padEnd(20)} ${r.periodKey}  (attempt ${r.attempts}${retry})${error}\n`,
          );
        }
      });
    });

  program
    .command('digest')
    .description("post this morning's call sheets and team summary now (printed here)")
    .requiredOption('--now', 'post now, whatever the schedule says')
    .option('--collector <code>', 'only this collector’s sheet')
    .action(async (flags: { collector?: string }) => {
      await ctx.withStore(async (store) => {
        const deps = { store, now: systemClock };
        const publisher = createConsolePublisher(ctx.stdout);
        const [first] = await store.sql.query<{ time_zone: string }>(
          `SELECT time_zone FROM collectors WHERE active AND ($1::text IS NULL OR lower(code) = lower($1)) ORDER BY id LIMIT 1`,
          [flags.collector ?? null],
        );
        const asOf = localClock(deps.now(), first?.time_zone ?? 'UTC').date;
        const set = await buildCallSheets(deps, {
          asOf,
          ...(flags.collector ? { collectorCode: flags.collector } : {}),
        });
        for (const sheet of set.sheets) await publisher.postSheet(sheet);
        if (!flags.collector) await publisher.postSummary(set.summary);
      });
    });
}
