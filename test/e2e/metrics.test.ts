// `callsheet serve` as Prometheus and a load balancer see it: signed Slack commands move the chat
// counters and the latency histogram of /metrics (parsed from the text format here), and /healthz
// reports each part with 200, or 503 and the part that is down.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { serve } from '../../src/server/serve.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { openTestStore } from '../support/test-store.ts';
import { serveWithSlack } from './slack/serve-with-slack.ts';
import { postToSlackEvents, slashCommand } from './slack/slack-requests.ts';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

interface Scrape {
  /** Metric family → its TYPE line's type. */
  types: Map<string, string>;
  samples: Sample[];
}

/** Parses the Prometheus text exposition format (0.0.4): HELP/TYPE comments and samples. */
function parseExposition(text: string): Scrape {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const type = /^# TYPE (\S+) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      types.set(type[1]!, type[2]!);
      continue;
    }
    if (line.startsWith('#')) continue;
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: \d+)?$/.exec(line);
    if (!sample) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const pair of (sample[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
      labels[pair[1]!] = pair[2]!.replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1');
    const raw = sample[3]!;
    const value = raw === '+Inf' ? Infinity : raw === '-Inf' ? -Infinity : Number(raw);
    if (Number.isNaN(value) && raw !== 'NaN') throw new Error(`not a sample value: ${line}`);
    samples.push({ name: sample[1]!, labels, value });
  }
  return { types, samples };
}

const value = (scrape: Scrape, name: string, labels: Record<string, string> = {}): number =>
  scrape.samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);

describe('callsheet serve /metrics', () => {
  const fx = serveWithSlack();

  const scrape = async (): Promise<Scrape> => {
    const res = await fetch(`${fx.serving.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parseExposition(await res.text());
  };

  it('counts signed Slack commands by surface, command and outcome, and times them', async () => {
    const before = await scrape();
    const help = slashCommand({ command: '/callsheet', text: 'help', response_url: fx.fake.responseUrl() });
    for (let i = 0; i < 2; i++) expect((await postToSlackEvents(fx.serving.url, help)).status).toBe(200);
    // A user no collector is linked to: refused with how to get linked.
    const account = slashCommand({ command: '/account', text: 'ACME', response_url: fx.fake.responseUrl() });
    expect((await postToSlackEvents(fx.serving.url, account)).status).toBe(200);
    const after = await scrape();

    const moved = (name: string, labels: Record<string, string>) =>
      value(after, name, labels) - value(before, name, labels);
    expect(moved('callsheet_chat_requests_total', { surface: 'slack', command: 'help', outcome: 'ok' })).toBe(
      2,
    );
    expect(
      moved('callsheet_chat_requests_total', { surface: 'slack', command: 'account', outcome: 'refused' }),
    ).toBe(1);
    expect(moved('callsheet_command_duration_seconds_count', { surface: 'slack', command: 'help' })).toBe(2);
    // Every observation falls in the +Inf bucket; the buckets are cumulative.
    expect(
      moved('callsheet_command_duration_seconds_bucket', { surface: 'slack', command: 'help', le: '+Inf' }),
    ).toBe(2);

    expect(after.types.get('callsheet_chat_requests_total')).toBe('counter');
    expect(after.types.get('callsheet_command_duration_seconds')).toBe('histogram');
    expect(after.types.get('callsheet_job_runs_total')).toBe('counter');
    expect(after.types.get('callsheet_alerts_raised_total')).toBe('counter');
    for (const gauge of ['callsheet_db_pool_total', 'callsheet_db_pool_idle', 'callsheet_db_pool_waiting'])
      expect(after.types.get(gauge), gauge).toBe('gauge');
    expect(value(after, 'callsheet_db_pool_total')).toBeGreaterThanOrEqual(1);
    expect(value(after, 'callsheet_db_pool_waiting')).toBeGreaterThanOrEqual(0);
    expect(value(after, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('reports the database, the scheduler and the Slack connection in /healthz', async () => {
    const res = await fetch(`${fx.serving.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      checks: {
        database: { status: 'up' },
        scheduler: { status: 'up', running: true },
        slack: { status: 'up', mode: 'http' },
      },
    });
  });
});

describe('/healthz with the database gone', () => {
  it('answers 503 naming the database', async () => {
    const store = await openTestStore();
    const log = createLogger('silent');
    const serving = await serve({ store, now: () => new Date() }, loadConfig({}), log, [], {
      host: '127.0.0.1',
      port: 0,
    });
    try {
      expect((await fetch(`${serving.server.url}/healthz`)).status).toBe(200);
      await store.close();
      const res = await fetch(`${serving.server.url}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({
        status: 'unavailable',
        checks: { database: { status: 'down', backend: store.backend } },
      });
    } finally {
      await serving.stop();
    }
  });
});
