import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { readMigrations } from '../../src/store/migrate.ts';
import { REPO_ROOT, runCallsheet, storeEnv } from '../support/run-cli.ts';
import { createTestDatabase, testBackend } from '../support/test-store.ts';

const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const drop of drops) await drop();
});
async function emptyDb() {
  const db = await createTestDatabase({ empty: true });
  drops.push(db.drop);
  return db;
}
const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at /);

describe('the callsheet command', () => {
  it('prints its version and help, exit 0', async () => {
    const version = JSON.parse(readFileSync(`${REPO_ROOT}/package.json`, 'utf8')).version;
    const v = await runCallsheet(['--version']);
    expect(v).toMatchObject({ code: 0, stdout: `${version}\n` });
    const help = await runCallsheet(['db', 'migrate', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/apply pending migrations/);
  });

  it('exits 2 on a usage error and says what was wrong', async () => {
    const run = await runCallsheet(['demo', '--size', 'huge']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--size.*huge.*small, medium, large/s);
    expect((await runCallsheet(['frobnicate'])).code).toBe(2);
  });

  it('names DATABASE_URL in one line, exit 1, when it is nonsense', async () => {
    const run = await runCallsheet(['doctor'], { DATABASE_URL: 'nonsense' });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^callsheet: DATABASE_URL must be a PostgreSQL connection URL/);
    noStackTrace(run.stderr);
  });

  it('says the database cannot be reached without a stack trace', async () => {
    const run = await runCallsheet(['doctor'], {
      DATABASE_URL: 'postgresql://nobody:secret@127.0.0.1:1/none',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /cannot reach the database in DATABASE_URL \(postgresql:\/\/nobody@127\.0\.0\.1:1\/none\)/,
    );
    expect(run.stderr).not.toContain('secret');
    noStackTrace(run.stderr);
  });

  it('migrates an empty database, then does nothing, and doctor is happy', async () => {
    const db = await emptyDb();
    const first = await runCallsheet(['db', 'migrate'], storeEnv(db));
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`applied ${readMigrations()[0]!.name}`));
    const second = await runCallsheet(['db', 'migrate'], storeEnv(db));
    expect(second).toMatchObject({ code: 0 });
    expect(second.stdout).toMatch(/nothing to apply/);
    const status = await runCallsheet(['db', 'status'], storeEnv(db));
    expect(status.stdout).toMatch(/^applied {2}\d{14}_init/m);
    const doctor = await runCallsheet(['doctor'], storeEnv(db));
    expect(doctor.code).toBe(0);
    expect(doctor.stdout).toMatch(/^ok +Migrations/m);
    expect(doctor.stdout).toMatch(/^-- +Slack +off: set SLACK_BOT_TOKEN/m);
  });

  it('two `db migrate` at once both exit 0 and apply each migration once', async () => {
    if (testBackend() !== 'postgres') return; // the embedded database serves one process at a time
    const db = await emptyDb();
    const runs = await Promise.all([
      runCallsheet(['db', 'migrate'], storeEnv(db)),
      runCallsheet(['db', 'migrate'], storeEnv(db)),
    ]);
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    const applied = runs.map((r) => (r.stdout.match(/^applied /gm) ?? []).length);
    expect(applied.reduce((a, b) => a + b, 0)).toBe(readMigrations().length);
  });

  it('loads the demo once: a second run changes nothing', async () => {
    const db = await emptyDb();
    const args = ['demo', '--size', 'small', '--today', '2027-05-28'];
    const first = await runCallsheet(args, storeEnv(db));
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Loaded the small demo company \(seed 42, as of 2027-05-28\)/);
    expect(first.stdout).toMatch(/200 customers/);
    // Today's alerts, each explained, with every kind the demo plants among those shown.
    expect(first.stdout).toMatch(/Today's alerts \(as of 2027-05-28\), most urgent first/);
    const alerts = first.stdout.slice(first.stdout.indexOf("Today's alerts"));
    for (const kind of [/new customer/i, /unusual/i, /slow/i, /promise/i, /credit limit/i])
      expect(alerts).toMatch(kind);
    const second = await runCallsheet(args, storeEnv(db));
    expect(second.stdout).toMatch(/^Already loaded/);
    expect(second.stdout.split('\n').slice(1).join('\n')).toBe(first.stdout.split('\n').slice(1).join('\n'));
  });

  it('loads the prompt profile with --profile, and the default replaces it', async () => {
    const help = await runCallsheet(['demo', '--help']);
    expect(help.stdout).toMatch(/--profile <profile>[\s\S]*prompt: mostly prompt payers/);
    expect((await runCallsheet(['demo', '--profile', 'slow'])).stderr).toMatch(
      /--profile.*slow.*mixed, prompt/s,
    );
    const db = await emptyDb();
    const day = ['--size', 'small', '--today', '2027-05-28'];
    const prompt = await runCallsheet(['demo', '--profile', 'prompt', ...day], storeEnv(db));
    expect(prompt.code).toBe(0);
    expect(prompt.stdout).toMatch(
      /^Loaded the small demo company \(profile prompt, seed 42, as of 2027-05-28\)/,
    );
    expect(prompt.stdout).toMatch(/100 customers/);
    const again = await runCallsheet(['demo', '--profile', 'prompt', '--quiet', ...day], storeEnv(db));
    expect(again).toMatchObject({ code: 0, stdout: '' });
    const mixed = await runCallsheet(['demo', ...day], storeEnv(db));
    expect(mixed.stdout).toMatch(/^Reloaded the small demo company \(seed 42, as of 2027-05-28\)/);
    expect(mixed.stdout).toMatch(/200 customers/);
  });
});
