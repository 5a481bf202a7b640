// `callsheet outreach send` as a process on the small demo against a local SMTP server: stopped or
// killed in the middle of the batch, a rerun sends each remaining message once.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { outreachSettings } from '../../src/app/outreach/outreach-settings.ts';
import { openStore } from '../../src/store/open-store.ts';
import { writeSettings } from '../../src/store/settings.ts';
import { createDemoDatabase } from '../support/demo-database.ts';
import { REPO_ROOT, runCallsheet, storeEnv } from '../support/run-cli.ts';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.ts';

const DAY = '2027-05-28';
let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function setUp() {
  const db = await createDemoDatabase(DAY);
  const sink = await startSmtpSink();
  cleanup.push(db.drop, sink.close);
  // Slow enough that the batch is still going when the test stops it.
  const store = await openStore({ databaseUrl: db.url, dataDir: db.dataDir, migrations: 'check' });
  await writeSettings(store.sql, outreachSettings, { ratePerMinute: 300 }, { actor: 'test', source: 'cli' });
  await store.close();
  const env = { ...storeEnv(db), SMTP_URL: sink.url, OUTREACH_FROM: 'Demo AR <ar@callsheet-demo.example>' };
  return { env, sink };
}

/** Starts `outreach send` and stops it with `signal` once the server has `after` messages. */
async function sendAndStop(
  env: Record<string, string>,
  sink: SmtpSink,
  after: number,
  signal: NodeJS.Signals,
) {
  // The store comes from `env` alone (a data folder or a database URL), never from this process.
  const { DATABASE_URL: _url, CALLSHEET_DATA_DIR: _dir, ...inherited } = process.env;
  const child = spawn(
    process.execPath,
    [path.join(REPO_ROOT, 'bin/callsheet.mjs'), 'outreach', 'send', '--date', DAY],
    {
      env: { ...inherited, CI: 'true', ...env },
      cwd: REPO_ROOT,
      stdio: 'ignore',
    },
  );
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  while (sink.received.length < after && child.exitCode === null) await new Promise((r) => setTimeout(r, 20));
  child.kill(signal);
  return exited;
}

async function status(env: Record<string, string>) {
  const run = await runCallsheet(['outreach', 'status', '--date', DAY, '--json'], env);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as { counts: Record<string, number> };
}

describe('outreach send, stopped mid-batch', () => {
  it('finishes the message in flight on SIGTERM; the rerun sends each remaining one once', async () => {
    const { env, sink } = await setUp();
    expect(await sendAndStop(env, sink, 4, 'SIGTERM')).toBe(0);
    const first = sink.received.length;
    const rerun = await runCallsheet(['outreach', 'send', '--date', DAY], env);
    expect(rerun.code, rerun.stderr).toBe(0);
    const { counts } = await status(env);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    expect(first).toBeLessThan(total);
    expect(counts).toEqual({ sent: total });
    const to = sink.received.map((m) => m.to[0]);
    expect(to).toHaveLength(total);
    expect(new Set(to).size).toBe(total);
    const again = await runCallsheet(['outreach', 'send', '--date', DAY], env);
    expect(again.code).toBe(0);
    expect(sink.received).toHaveLength(total);
  });

  it('killed outright, never sends a message twice and loses none', async () => {
    const { env, sink } = await setUp();
    await sendAndStop(env, sink, 4, 'SIGKILL');
    const rerun = await runCallsheet(['outreach', 'send', '--date', DAY], env);
    expect(rerun.code, rerun.stderr).toBe(0);
    const { counts } = await status(env);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    // At most the one message in flight at the kill is left for a person to check (never resent).
    const inFlight = (counts.sending ?? 0) + (counts.uncertain ?? 0);
    expect(inFlight).toBeLessThanOrEqual(1);
    expect(counts.sent).toBe(total - inFlight);
    const to = sink.received.map((m) => m.to[0]);
    expect(new Set(to).size).toBe(to.length);
    expect(to.length).toBeGreaterThanOrEqual(total - inFlight);
    expect(to.length).toBeLessThanOrEqual(total);
  });
});
