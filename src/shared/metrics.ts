// Prometheus metrics of one process (`GET /metrics` on `callsheet serve`). Each flow is counted at
// the one place it passes through: chat commands in the command core (runCommand), job runs in the
// scheduler, alerts where a scan stores them; database pool use is read when scraped.
// prom-client is loaded only by `enableMetrics()` (serve calls it): a CLI command neither pays for
// loading it nor keeps counts nobody scrapes — the count functions do nothing until then.
import { createRequire } from 'node:module';
import type * as PromClient from 'prom-client';

export type CommandOutcome = 'ok' | 'refused' | 'failed';

export interface PoolUse {
  /** Connections open. */
  total: number;
  /** Open and not in use. */
  idle: number;
  /** Queries waiting for a connection. */
  waiting: number;
}

let poolSource: (() => PoolUse) | null = null;

/** Where the pool gauges read from (the store `serve` opened); null stops reporting. */
export function watchPool(source: (() => PoolUse) | null): void {
  poolSource = source;
}

function build(client: typeof PromClient) {
  const registry = new client.Registry();
  const metrics = {
    registry,
    chatRequests: new client.Counter({
      name: 'callsheet_chat_requests_total',
      help: 'Chat commands answered, by surface (slack, teams, console, cli), command and outcome (ok; refused: the reply says what to fix; failed: an apology)',
      labelNames: ['surface', 'command', 'outcome'] as const,
      registers: [registry],
    }),
    commandSeconds: new client.Histogram({
      name: 'callsheet_command_duration_seconds',
      help: 'Time from a chat command reaching the core to its reply, by surface and command',
      labelNames: ['surface', 'command'] as const,
      // Slack wants an answer within 3 s; the buckets bracket that.
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10],
      registers: [registry],
    }),
    jobRuns: new client.Counter({
      name: 'callsheet_job_runs_total',
      help: 'Scheduled job runs finished by this process, by job and outcome (succeeded; failed: will retry; gave_up: the last attempt failed)',
      labelNames: ['job', 'outcome'] as const,
      registers: [registry],
    }),
    alertsRaised: new client.Counter({
      name: 'callsheet_alerts_raised_total',
      help: 'Alerts raised (facts not alerted before), by kind and severity',
      labelNames: ['kind', 'severity'] as const,
      registers: [registry],
    }),
  };
  for (const [state, help] of [
    ['total', 'Database connections open'],
    ['idle', 'Database connections open and idle'],
    ['waiting', 'Queries waiting for a database connection'],
  ] as const) {
    new client.Gauge({
      name: `callsheet_db_pool_${state}`,
      help,
      registers: [registry],
      collect() {
        if (poolSource) this.set(poolSource()[state]);
      },
    });
  }
  // Process metrics (CPU, memory, event loop lag, GC), read when scraped.
  client.collectDefaultMetrics({ register: registry });
  return metrics;
}

export type Metrics = ReturnType<typeof build>;

let metrics: Metrics | null = null;

/** Loads prom-client and starts counting (once); returns the metrics and their registry. */
export function enableMetrics(): Metrics {
  metrics ??= build(createRequire(import.meta.url)('prom-client') as typeof PromClient);
  return metrics;
}

export function countCommand(
  labels: { surface: string; command: string },
  outcome: CommandOutcome,
  seconds: number,
): void {
  metrics?.chatRequests.inc({ ...labels, outcome });
  metrics?.commandSeconds.observe(labels, seconds);
}

export function countJobRun(job: string, outcome: 'succeeded' | 'failed' | 'gave_up'): void {
  metrics?.jobRuns.inc({ job, outcome });
}

export function countAlert(kind: string, severity: string): void {
  metrics?.alertsRaised.inc({ kind, severity });
}
