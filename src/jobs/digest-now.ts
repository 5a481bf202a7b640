// `callsheet digest --now`: this morning's sheets (and, for the whole team, the manager summary)
// posted now through every publisher, as on-demand runs of the job ledger. They run through the
// scheduler's own claim / fail / backoff code, so a failed post is retried exactly as a scheduled
// digest's would be — this process waits for the retries instead of a later tick.
//
// Ledger keys: job `sheet-now:<platform>` / `summary-now:<platform>`, period
// `<collector>:<date>:now:<instant>:<request id>`. They never take the scheduled digest's key
// (`sheet:<platform>`, `<collector>:<date>`), so the morning digest still posts on schedule: an
// on-demand post is a set-up check or a fresh copy after a late import, and letting it silently
// cancel the 08:00 sheet that collectors rely on (built later, from fresher data) would be the
// greater surprise. The request id makes each request its own run: asking twice posts twice.
import { randomUUID } from 'node:crypto';
import { buildCallSheets } from '../app/build-call-sheets.ts';
import type { AppDeps } from '../app/deps.ts';
import type { ChatPublisher, DigestPostReport, PostResult } from '../app/publisher.ts';
import { SCHEDULE_SETTINGS } from '../app/schedule-settings.ts';
import type { IsoDate } from '../domain/calendar.ts';
import { UserError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import { activeRecipients } from '../store/collectors.ts';
import { readSettings } from '../store/settings.ts';
import { boundTo } from './default-jobs.ts';
import type { DuePeriods, Job } from './job.ts';
import { findRuns, type JobRunRow } from './ledger.ts';
import { localClock } from './schedule.ts';
import { createScheduler } from './scheduler.ts';
import { managerSummaryJob, sheetDigestJob } from './sheet-digest.ts';

export interface DigestNowOptions {
  deps: AppDeps;
  /** Where to post: each configured chat surface, or the console (src/jobs/publishers.ts). */
  publishers: readonly ChatPublisher[];
  /** Only this collector's sheet, and no team summary. */
  collector?: string;
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Waits before a retry (default: a timer); tests may advance an injected clock instead. */
  sleep?: (ms: number) => Promise<void>;
  /** Told before each wait, with the posts that failed and will be tried again. */
  onRetry?: (waitMs: number, failed: DigestPost[]) => void;
  /** Tells this request's runs apart from any other's (default: random). */
  requestId?: string;
}

export interface DigestPost extends DigestPostReport {
  asOf: IsoDate;
  messages?: number;
  attempts: number;
}

const TEAM = 'team';

/** A job that is due for exactly these periods, whatever the clock says, under `<id>-now`. */
function onDemand(job: Job, periods: DuePeriods['due']): Job {
  return { id: `${job.id}-now`, due: async () => ({ due: periods }), run: job.run };
}

export async function postDigestNow(options: DigestNowOptions): Promise<DigestPost[]> {
  const { deps, publishers, log } = options;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const conn = deps.store.sql;
  const now = deps.now();
  const stamp = `${now.toISOString()}:${options.requestId ?? randomUUID().slice(0, 8)}`;
  const settings = await readSettings(conn, SCHEDULE_SETTINGS);

  const everyone = (await activeRecipients(conn)).filter((r) => r.role === 'collector');
  const wanted = options.collector?.toLowerCase();
  const collectors = wanted ? everyone.filter((r) => r.code.toLowerCase() === wanted) : everyone;
  if (wanted && !collectors.length) {
    const known = everyone.map((r) => r.code).join(', ') || 'none';
    throw new UserError(`no active collector "${options.collector}" (collectors: ${known})`, 2);
  }
  // Each sheet as of the collector's own local date; the team summary as of the company's.
  const period = (who: string, zone: string) => {
    const asOf = localClock(now, zone).date;
    return { periodKey: `${who}:${asOf}:now:${stamp}`, payload: { collector: who, asOf } };
  };
  const sheets = collectors.map((r) => period(r.code, r.timeZone));
  const summaries = wanted ? [] : [period(TEAM, settings.timeZone)];

  const sheetJob = onDemand(sheetDigestJob(buildCallSheets), sheets);
  const summaryJob = onDemand(managerSummaryJob(buildCallSheets), summaries);
  const jobs = publishers.flatMap((p) => [boundTo(sheetJob, p), boundTo(summaryJob, p)]);
  // Report order: recipient by recipient, each surface in turn.
  const keys = [
    ...sheets.map((s) => ({ base: sheetJob.id, periodKey: s.periodKey })),
    ...summaries.map((s) => ({ base: summaryJob.id, periodKey: s.periodKey })),
  ].flatMap((k) => publishers.map((p) => ({ job: `${k.base}:${p.platform}`, periodKey: k.periodKey })));

  const scheduler = createScheduler({ deps, publisher: publishers[0]!, jobs, log });
  for (;;) {
    await scheduler.tick(deps.now());
    const runs = await findRuns(conn, keys);
    const retrying = runs.filter((r) => r.status === 'failed' && r.nextAttemptAt);
    if (!retrying.length) return inKeyOrder(runs, keys).map(toPost);
    // Ledger times are to the second: wait past the retry time's second so the claim finds it due.
    const next = Math.min(...retrying.map((r) => Date.parse(r.nextAttemptAt!) + 1000));
    const wait = Math.max(0, next - deps.now().getTime());
    options.onRetry?.(wait, retrying.map(toPost));
    await sleep(wait);
  }
}

function inKeyOrder(runs: JobRunRow[], keys: { job: string; periodKey: string }[]): JobRunRow[] {
  const byKey = new Map(runs.map((r) => [`${r.job} ${r.periodKey}`, r]));
  return keys.flatMap((k) => byKey.get(`${k.job} ${k.periodKey}`) ?? []);
}

function toPost(run: JobRunRow): DigestPost {
  const [recipient = '', asOf = ''] = run.periodKey.split(':');
  const base = { recipient, asOf, platform: run.job.split(':')[1] ?? '', attempts: run.attempts };
  if (run.status !== 'succeeded') {
    return { ...base, outcome: 'failed', error: run.lastError ?? `not run (${run.status})` };
  }
  const result = (run.result ?? {}) as PostResult & { reason?: string };
  if (!result.delivered)
    return { ...base, outcome: 'nowhere', ...(result.reason ? { error: result.reason } : {}) };
  return {
    ...base,
    outcome: 'posted',
    ...(result.target ? { target: result.target } : {}),
    ...(result.messageIds ? { messages: result.messageIds.length } : {}),
  };
}
