// The console chat and the one-shot logcall, run as a user would: the real executable, piped input.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeControls } from '../../src/domain/safe-text.ts';
import { REPO_ROOT, runCallsheet, storeEnv } from '../support/run-cli.ts';
import { createTestDatabase } from '../support/test-store.ts';

const BIN = fileURLToPath(new URL('../../bin/callsheet.mjs', import.meta.url));
let env: Record<string, string>;
let drop: () => Promise<void>;

beforeAll(async () => {
  const db = await createTestDatabase();
  drop = db.drop;
  env = storeEnv(db);
  const demo = await runCallsheet(['demo', '--size', 'small', '--today', '2027-05-28', '--quiet'], env);
  expect(demo.code).toBe(0);
});
afterAll(() => drop());

function chat(as: string, input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  delete base.CALLSHEET_DATA_DIR;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'chat', '--as', as], {
      cwd: REPO_ROOT,
      env: { ...base, CI: 'true', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at /);

describe('callsheet chat', () => {
  it('runs piped commands through the same core: log, pick a choice, look up, undo', async () => {
    const run = await chat(
      'ava',
      [
        'help',
        'logcall CREST00002 no answer',
        'logcall crest vm',
        '2',
        'account CREST00002',
        'undo',
        'exit',
      ].join('\n'),
    );
    noStackTrace(run.stderr);
    expect(run.stdout).toMatch(/^• Callsheet commands/m);
    expect(run.stdout).toMatch(/^✔ Recorded: No answer from Crest Logistics Co \(CREST00002\)$/m);
    expect(run.stdout).toMatch(/^\? 'crest' matches several customers/m);
    expect(run.stdout).toMatch(
      /^> logcall CREST00002 vm\n✔ Recorded: Left a voicemail for Crest Logistics Co/m,
    );
    expect(run.stdout).toMatch(/^• Crest Logistics Co \(CREST00002\): \$[\d,.]+ open/m);
    expect(run.stdout).toMatch(/^✔ Undone: Left a voicemail for Crest Logistics Co \(CREST00002\)$/m);
    expect(run.stdout.match(/Callsheet commands/g)).toHaveLength(1); // nothing runs after `exit`
    expect(run.code).toBe(0);
  });

  it('refuses a NUL with a message and prints escape sequences typed into it as text', async () => {
    const run = await chat(
      'ava',
      ['logcall CREST00002 note a\u0000b', 'account \u001b[2J\u001b]0;owned\u0007x', 'exit'].join('\n'),
    );
    noStackTrace(run.stderr);
    expect(run.stdout).toMatch(
      /^✖ That message contains a NUL character \(\\0\) at position \d+, which cannot be stored; remove it\.$/m,
    );
    expect(run.stdout).toMatch(/no customer matches '.\[2J.\]0;owned.x'/);
    expect(escapeControls(run.stdout, true)).toBe(run.stdout);
    expect(run.stdout).not.toMatch(/Something went wrong/);
  });

  it('says which collectors exist when --as is unknown', async () => {
    const run = await chat('nobody', 'help\n');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^callsheet: no collector has the code 'nobody'; try one of: ava, hiro, morgan$/m,
    );
  });
});

describe('callsheet logcall', () => {
  it('prints the parsed intent with --dry-run and writes nothing', async () => {
    const run = await runCallsheet(
      [
        'logcall',
        '--as',
        'ava',
        '--at',
        '2027-05-28T15:00:00Z',
        '--dry-run',
        'CREST00002 ptp $5,500 by 6/30 - call Jane',
      ],
      env,
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      ok: true,
      customer: { code: 'CREST00002', name: 'Crest Logistics Co' },
      outcome: 'promised',
      amount: '5500.00',
      currency: 'USD',
      date: '2027-06-30',
      invoice: null,
      note: 'call Jane',
    });
    const bad = await runCallsheet(['logcall', '--as', 'ava', '--dry-run', 'CRESTT00002 vm'], env);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({
      ok: false,
      error: "no customer matches 'CRESTT00002' — did you mean Crest Logistics Co (CREST00002)?",
    });
    expect(JSON.parse(bad.stdout).suggestions[0]).toEqual({ code: 'CREST00002', name: 'Crest Logistics Co' });
  });

  it('records once per --key and prints the reply as JSON', async () => {
    const args = ['logcall', '--as', 'hiro', '--at', '2027-05-28T15:00:00Z', '--key', 'script-1', '--json'];
    const first = await runCallsheet([...args, 'CREST00002 promised 1k 6/4'], env);
    const again = await runCallsheet([...args, 'CREST00002 promised 1k 6/4'], env);
    expect(first.code).toBe(0);
    const reply = JSON.parse(first.stdout);
    expect(reply).toMatchObject({
      tone: 'ok',
      title: 'Recorded: Crest Logistics Co (CREST00002) promised $1,000.00 by Fri 4 Jun 2027',
    });
    expect(JSON.parse(again.stdout)).toEqual(reply);
  });

  it('refuses a bad --at in one line', async () => {
    const run = await runCallsheet(['logcall', '--as', 'ava', '--at', 'yesterday', 'CREST00002 vm'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^callsheet: --at must be an ISO time/);
    noStackTrace(run.stderr);
  });
});
