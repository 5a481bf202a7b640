// `callsheet jobs`: recent scheduled runs and failures from the ledger. `callsheet digest --now`:
// this morning's sheets (and the team summary) posted on demand through the configured chat
// surfaces, or printed here when there is none (src/jobs/digest-now.ts).
import { Writable } from 'node:stream';
import type { Command } from 'commander';
import { systemClock } from '../app/deps.ts';
import { type DigestPost, postDigestNow } from '../jobs/digest-now.ts';
import { listRuns } from '../jobs/ledger.ts';
import { publishersOf } from '../server/publishers.ts';
import { UserError } from '../shared/errors.ts';
import { createLogger } from '../shared/logger.ts';
import { chatSurfaces } from './chat-surfaces.ts';
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
          return ctx.say(
            flags.failed ? 'No failed runs.\n' : 'No runs yet: `callsheet serve` runs the schedules.\n',
          );
        for (const r of runs) {
          const when = r.finishedAt ?? r.startedAt ?? r.createdAt;
          const retry = r.status === 'failed' && r.nextAttemptAt ? `, retry at ${r.nextAttemptAt}` : '';
          const error = r.lastError ? ` — ${r.lastError.replace(/\p{Cc}/gu, ' ')}` : '';
          ctx.say(
            `${when}  ${r.status.padEnd(9)} ${r.job.padEnd(20)} ${r.periodKey}  (attempt ${r.attempts}${retry})${error}\n`,
          );
        }
      });
    });

  program
    .command('digest')
    .description(
      "post this morning's call sheets and team summary now, through Slack and/or Teams (printed here when neither is configured)",
    )
    .requiredOption('--now', 'post now, whatever the schedule says')
    .option('--collector <code>', 'only this collector’s sheet')
    .action(async (flags: { collector?: string }) => {
      const config = ctx.config();
      // The command reports in words below; LOG_LEVEL=debug adds the structured log.
      const level =
        config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace' ? config.LOG_LEVEL : 'silent';
      const log = createLogger(level, lineSink(ctx.stderr));
      await ctx.withStore(async (store) => {
        const deps = { store, now: systemClock };
        const surfaces = await chatSurfaces(deps, config, log);
        const posts = await postDigestNow({
          deps,
          publishers: publishersOf(surfaces, ctx.say),
          ...(flags.collector ? { collector: flags.collector } : {}),
          log,
          onRetry: (waitMs, failed) => {
            for (const p of failed) ctx.stderr(`${postLine(p)}; retrying in ${Math.ceil(waitMs / 1000)} s\n`);
          },
        });
        // Printed sheets speak for themselves; chat posts get a line each: where, or why not.
        for (const p of posts) if (p.platform !== 'console') ctx.say(`${postLine(p)}\n`);
        if (digestFailed(posts)) ctx.exitCode = 1;
      });
    });
}

function lineSink(write: (text: string) => void): Writable {
  return new Writable({
    write(chunk, _encoding, done) {
      write(String(chunk));
      done();
    },
  });
}

const NOWHERE_HINT = {
  sheet:
    'bind a digests channel (Slack), give the collector a Slack user id, or have them open the app in Teams',
  team: 'bind a team or digests channel (Slack), or have a manager open the app in Teams',
};

/** One line per post: what went where, or what failed and why. */
export function postLine(p: DigestPost): string {
  const what = p.recipient === 'team' ? `team summary (${p.asOf})` : `${p.recipient} (${p.asOf})`;
  switch (p.outcome) {
    case 'posted': {
      const count = p.messages && p.messages > 1 ? ` (${p.messages} messages)` : '';
      return `${what}: posted on ${p.platform} to ${p.target ?? 'its channel'}${count}`;
    }
    case 'nowhere': {
      const hint = NOWHERE_HINT[p.recipient === 'team' ? 'team' : 'sheet'];
      return `${what}: not posted on ${p.platform}: ${p.error ?? 'nowhere to post it'} — ${hint}`;
    }
    case 'failed':
      return `${what}: FAILED on ${p.platform} after ${p.attempts} attempt${p.attempts === 1 ? '' : 's'}: ${p.error ?? 'unknown error'}`;
  }
}

/** A post that gave up, or a sheet or summary that reached no surface at all. */
export function digestFailed(posts: readonly DigestPost[]): boolean {
  const reached = new Map<string, boolean>();
  for (const p of posts) {
    const key = `${p.recipient} ${p.asOf}`;
    reached.set(key, (reached.get(key) ?? false) || p.outcome === 'posted');
  }
  return posts.some((p) => p.outcome === 'failed') || [...reached.values()].some((ok) => !ok);
}
