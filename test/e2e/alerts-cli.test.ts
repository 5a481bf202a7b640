import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { openStore } from '../../src/store/open-store.ts';
import { runCallsheet, storeEnv } from '../support/run-cli.ts';
import { createTestDatabase } from '../support/test-store.ts';

const TODAY = '2027-05-28';
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let env: Record<string, string>;
beforeAll(async () => {
  db = await createTestDatabase();
  // Loaded and closed before the CLI runs: PGlite is single-process, the CLI needs the folder to itself.
  const store = await openStore({ databaseUrl: db.url, dataDir: db.dataDir, migrations: 'check' });
  await loadDemo(store, { size: 'small', seed: 42, today: TODAY });
  await store.close();
  env = storeEnv(db);
});
afterAll(async () => {
  await db?.drop();
});

interface AlertJson {
  id: number;
  kind: string;
  customer: string;
  severity: string;
  status: string;
  message: string;
  numbers: Record<string, unknown>;
}

// Each step spawns the CLI (PGlite start-up is CPU-bound): generous time so a loaded machine cannot
// leave a child holding the database folder for the next step.
describe('callsheet alerts', { timeout: 240_000 }, () => {
  it('scans and lists the open alerts as JSON with kind, customer, severity, status, message, numbers', async () => {
    const run = await runCallsheet(['alerts', '--json', '--as-of', TODAY], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const alerts = JSON.parse(run.stdout) as AlertJson[];
    expect(alerts.length).toBeGreaterThan(5);
    expect(alerts[0]).toMatchObject({
      kind: 'new_customer_large_order',
      customer: expect.any(String),
      severity: 'critical',
      status: 'open',
      message: expect.stringContaining('median first order'),
      numbers: expect.objectContaining({ amountCents: expect.any(Number) }),
    });
  });

  it('says when --limit cut the list, and how many there are', async () => {
    const all = JSON.parse(
      (await runCallsheet(['alerts', '--json', '--no-scan'], env)).stdout,
    ) as AlertJson[];
    const cut = await runCallsheet(['alerts', '--no-scan', '--limit', '2'], env);
    expect(cut.code).toBe(0);
    expect(cut.stdout).toContain('Open alerts (2):');
    expect(cut.stdout).toContain(
      `Shown: the first 2 of ${all.length}, most urgent first; --limit ${all.length} lists them all.`,
    );
    const whole = await runCallsheet(['alerts', '--no-scan', '--limit', String(all.length)], env);
    expect(whole.stdout).not.toContain('Shown: the first');
  });

  it('acknowledges and snoozes from the command line; --all still lists them', async () => {
    const list = JSON.parse(
      (await runCallsheet(['alerts', '--json', '--no-scan'], env)).stdout,
    ) as AlertJson[];
    const [a, b] = list;
    const ack = await runCallsheet(['alerts', 'ack', String(a!.id), '--as', 'morgan'], env);
    expect(ack).toMatchObject({ code: 0, stdout: expect.stringContaining(`Acknowledged alert #${a!.id}`) });
    const snooze = await runCallsheet(['alerts', 'snooze', `#${b!.id}`], env);
    expect(snooze).toMatchObject({ code: 0, stdout: expect.stringMatching(/Snoozed alert #\d+ until /) });
    const open = JSON.parse(
      (await runCallsheet(['alerts', '--json', '--no-scan'], env)).stdout,
    ) as AlertJson[];
    expect(open.map((x) => x.id)).not.toContain(a!.id);
    expect(open.map((x) => x.id)).not.toContain(b!.id);
    const text = await runCallsheet(['alerts', '--all', '--no-scan'], env);
    expect(text.stdout).toContain(`[acknowledged by morgan]`);
    expect(text.stdout).toContain(`[snoozed`);
  });

  it('says what was wrong in one line for a bad id or date', async () => {
    const unknown = await runCallsheet(['alerts', 'ack', '99999'], env);
    expect(unknown).toMatchObject({ code: 1, stderr: 'callsheet: there is no alert #99999\n' });
    const bad = await runCallsheet(['alerts', 'snooze', 'abc'], env);
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining('alert id must be a number') });
    const date = await runCallsheet(['alerts', '--as-of', '5/28'], env);
    expect(date).toMatchObject({ code: 2, stderr: expect.stringContaining('--as-of must be a date') });
  });
});
