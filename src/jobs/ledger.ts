// The job ledger (table job_runs, unique on job + period key): the one place that decides whether a
// digest was posted. A run is created once per period, claimed by one instance at a time
// (FOR UPDATE SKIP LOCKED), and finished, failed with a retry time, or given up — so a post happens
// exactly once across restarts and replicas. All times come from the caller's clock.
import type { SqlConn } from '../store/sql.ts';

export type RunStatus = 'pending' | 'running' | 'succeeded' | 'failed';

export interface DueRun {
  job: string;
  periodKey: string;
  payload: Record<string, unknown>;
}

export interface ClaimedRun extends DueRun {
  id: number;
  /** This attempt's number (1 for the first). */
  attempt: number;
}

export type JobRunRow = {
  id: number;
  job: string;
  periodKey: string;
  status: RunStatus;
  attempts: number;
  lastError: string | null;
  result: unknown;
  nextAttemptAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  createdAt: string;
};

const iso = (column: string, as: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "${as}"`;

/** Creates the runs that do not exist yet (as pending); existing runs are left alone. */
export async function ensureRuns(conn: SqlConn, runs: readonly DueRun[], now: Date): Promise<void> {
  if (!runs.length) return;
  await conn.query(
    `INSERT INTO job_runs (job, period_key, status, payload, created_at, updated_at)
     SELECT r.job, r.period_key, 'pending', r.payload, $2::timestamptz, $2::timestamptz
       FROM jsonb_to_recordset($1::jsonb) AS r(job text, period_key text, payload jsonb)
     ON CONFLICT (job, period_key) DO NOTHING`,
    [
      JSON.stringify(runs.map((r) => ({ job: r.job, period_key: r.periodKey, payload: r.payload }))),
      now.toISOString(),
    ],
  );
}

/** Records periods that passed their cut-off without a run, so `callsheet jobs` reports them. */
export async function recordMissed(
  conn: SqlConn,
  runs: readonly DueRun[],
  now: Date,
  why: string,
): Promise<void> {
  if (!runs.length) return;
  await conn.query(
    `INSERT INTO job_runs (job, period_key, status, payload, last_error, finished_at, created_at, updated_at)
     SELECT r.job, r.period_key, 'failed', r.payload, $3, $2::timestamptz, $2::timestamptz, $2::timestamptz
       FROM jsonb_to_recordset($1::jsonb) AS r(job text, period_key text, payload jsonb)
     ON CONFLICT (job, period_key) DO NOTHING`,
    [
      JSON.stringify(runs.map((r) => ({ job: r.job, period_key: r.periodKey, payload: r.payload }))),
      now.toISOString(),
      why,
    ],
  );
}

/**
 * Claims runs that may start now: pending ones, failed ones whose retry time has come, and running
 * ones whose lease ran out (their process died). Rows another instance is claiming are skipped.
 */
export async function claimRuns(
  conn: SqlConn,
  options: { jobs: readonly string[]; now: Date; leaseMs: number; maxAttempts: number; limit: number },
): Promise<ClaimedRun[]> {
  const rows = await conn.query<{
    id: number;
    job: string;
    period_key: string;
    attempts: number;
    payload: unknown;
  }>(
    `UPDATE job_runs SET status = 'running', attempts = attempts + 1, started_at = $2::timestamptz,
            next_attempt_at = $2::timestamptz + $3::int * interval '1 millisecond', updated_at = $2::timestamptz
      WHERE id IN (
        SELECT id FROM job_runs
         WHERE job = ANY($1::text[]) AND attempts < $4::int
           AND (status = 'pending' OR (status IN ('failed', 'running') AND next_attempt_at <= $2::timestamptz))
         ORDER BY id LIMIT $5::int
         FOR UPDATE SKIP LOCKED)
      RETURNING id, job, period_key, attempts, payload`,
    [options.jobs, options.now.toISOString(), options.leaseMs, options.maxAttempts, options.limit],
  );
  return rows.map((r) => ({
    id: r.id,
    job: r.job,
    periodKey: r.period_key,
    attempt: r.attempts,
    payload: (r.payload ?? {}) as Record<string, unknown>,
  }));
}

/** Marks a run done. Only the holder of this attempt can: a stale holder's late answer is ignored. */
export async function succeedRun(
  conn: SqlConn,
  run: ClaimedRun,
  now: Date,
  result: unknown,
): Promise<boolean> {
  const rows = await conn.query(
    `UPDATE job_runs SET status = 'succeeded', result = $3::jsonb, last_error = NULL, next_attempt_at = NULL,
            finished_at = $4::timestamptz, updated_at = $4::timestamptz
      WHERE id = $1 AND attempts = $2 AND status = 'running' RETURNING id`,
    [run.id, run.attempt, JSON.stringify(result ?? null), now.toISOString()],
  );
  return rows.length > 0;
}

/** Records a failed attempt: retried at `retryAt`, or given up (null) after the last attempt. */
export async function failRun(
  conn: SqlConn,
  run: ClaimedRun,
  now: Date,
  error: string,
  retryAt: Date | null,
): Promise<void> {
  await conn.query(
    `UPDATE job_runs SET status = 'failed', last_error = $3, next_attempt_at = $4::timestamptz,
            finished_at = $5::timestamptz, updated_at = $5::timestamptz
      WHERE id = $1 AND attempts = $2 AND status = 'running'`,
    [run.id, run.attempt, error.slice(0, 2000), retryAt?.toISOString() ?? null, now.toISOString()],
  );
}

/**
 * Elects one instance for a coordinator slot: a compare-and-set on one row per task, so of all the
 * replicas firing the same minute exactly one moves the slot forward and runs.
 */
export async function electForSlot(
  conn: SqlConn,
  task: string,
  slot: string,
  owner: string,
): Promise<boolean> {
  await conn.query(
    `INSERT INTO job_runs (job, period_key, status, payload) VALUES ('coordinator', $1, 'succeeded', '{"slot": ""}')
     ON CONFLICT (job, period_key) DO NOTHING`,
    [task],
  );
  const won = await conn.query(
    `UPDATE job_runs SET payload = jsonb_build_object('slot', $2::text, 'owner', $3::text),
            attempts = attempts + 1, started_at = now(), updated_at = now()
      WHERE job = 'coordinator' AND period_key = $1 AND coalesce(payload->>'slot', '') < $2 RETURNING id`,
    [task, slot, owner],
  );
  return won.length > 0;
}

const RUN_COLUMNS = `id, job, period_key AS "periodKey", status::text AS status, attempts, last_error AS "lastError", result,
  ${iso('next_attempt_at', 'nextAttemptAt')}, ${iso('started_at', 'startedAt')},
  ${iso('finished_at', 'finishedAt')}, ${iso('created_at', 'createdAt')}`;

/** The runs of these (job, period key) pairs that exist, in id order. */
export async function findRuns(
  conn: SqlConn,
  keys: readonly Pick<DueRun, 'job' | 'periodKey'>[],
): Promise<JobRunRow[]> {
  if (!keys.length) return [];
  return conn.query<JobRunRow>(
    `SELECT ${RUN_COLUMNS} FROM job_runs
      WHERE (job, period_key) IN (SELECT * FROM unnest($1::text[], $2::text[])) ORDER BY id`,
    [keys.map((k) => k.job), keys.map((k) => k.periodKey)],
  );
}

/** Recent runs, newest first; `failedOnly` for the failures and missed periods. */
export async function listRuns(
  conn: SqlConn,
  options: { limit: number; failedOnly?: boolean; job?: string },
): Promise<JobRunRow[]> {
  const params: unknown[] = [options.limit];
  const where = ["job <> 'coordinator'"];
  if (options.failedOnly) where.push(`status = 'failed'`);
  if (options.job) {
    params.push(options.job);
    where.push(`job = $${params.length}`);
  }
  return conn.query<JobRunRow>(
    `SELECT ${RUN_COLUMNS}
       FROM job_runs WHERE ${where.join(' AND ')}
      ORDER BY coalesce(finished_at, started_at, created_at) DESC, id DESC LIMIT $1::int`,
    params,
  );
}
