// `callsheet import` and `callsheet export` as a user runs them: exit codes, the report on screen
// and in <file>.errors.csv, no stack traces, and export → import as a no-op.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeControls } from '../../src/domain/safe-text.ts';
import { REPO_ROOT, runCallsheet, storeEnv } from '../support/run-cli.ts';
import { createTestDatabase } from '../support/test-store.ts';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let dir: string;
beforeAll(async () => {
  db = await createTestDatabase();
  dir = mkdtempSync(path.join(os.tmpdir(), 'callsheet-import-cli-'));
});
afterAll(async () => {
  await db?.drop();
});

const env = () => ({ ...storeEnv(db), USER: 'tester' });

describe('callsheet import', () => {
  it('imports the examples, exit 0, then reports everything unchanged', async () => {
    const first = await runCallsheet(['import', 'examples/import', '--actor', 'tester'], env());
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /^invoices\.csv → invoices: 5 inserted, 0 updated, 0 unchanged, 0 rejected$/m,
    );
    expect(first.stdout).toMatch(/^Imported 22 rows from 7 files in [\d.]+s/m);
    const again = await runCallsheet(['import', path.join(REPO_ROOT, 'examples/import')], env());
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(
      /^payments\.csv → payments: 0 inserted, 0 updated, 2 unchanged, 0 rejected$/m,
    );
  });

  it('refuses a bad file with exit 1, the rows on screen and in <file>.errors.csv, no stack trace', async () => {
    const file = path.join(dir, 'invoices.csv');
    writeFileSync(
      file,
      'number,customer,issue_date,amount\nX-1,ACME,2027-02-30,10\nX-2,NOPE,2027-05-01,1.234,56\n',
    );
    const run = await runCallsheet(['import', file], env());
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('row 2, issue_date "2027-02-30": is not a date');
    expect(run.stderr).toMatch(/row 3: has 5 fields but the header has 4/);
    expect(run.stderr).toMatch(/Nothing was written/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(`${file}.errors.csv`, 'utf8')).toMatch(
      /^row,column,value,reason\r\n2,issue_date,2027-02-30,/,
    );
  });

  it('says what a refused or dry-run import would have done, never that it inserted', async () => {
    const file = path.join(dir, 'customers.csv');
    writeFileSync(file, 'code,name\nNEW1,New One\nNEW2,\n');
    const refused = await runCallsheet(['import', file], env());
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(
      /^customers\.csv → customers: 1 to insert, 0 to update, 0 unchanged, 1 rejected$/m,
    );
    expect(refused.stdout).not.toMatch(/inserted/);
    writeFileSync(file, 'code,name\nNEW1,New One\n');
    const dry = await runCallsheet(['import', file, '--dry-run'], env());
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/customers: 1 to insert, 0 to update, 0 unchanged, 0 rejected/);
  });

  it('prints escape sequences from a file as text, and names a cut gzip file, in one line each', async () => {
    const file = path.join(dir, 'invoices.csv');
    writeFileSync(file, 'number,\u001b[2J\u001b]0;owned\u0007,issue_date\nX,Y,2027-01-01\n');
    const run = await runCallsheet(['import', file], env());
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('found: number, \\x1b[2J\\x1b]0;owned\\x07, issue_date');
    expect(escapeControls(run.stderr, true)).toBe(run.stderr);
    const gz = path.join(dir, 'customers.csv.gz');
    const rows = Array.from({ length: 5000 }, (_, i) => `C${i},Name ${i * 7919}`).join('\n');
    writeFileSync(gz, gzipSync(`code,name\n${rows}\n`).subarray(0, 300));
    const cut = await runCallsheet(['import', gz], env());
    expect(cut.code).toBe(1);
    expect(cut.stderr).toMatch(
      /^customers\.csv\.gz: the gzip data is cut short or corrupt \(unexpected end of file\)/m,
    );
    expect(cut.stderr).not.toMatch(/unexpected error|\n\s+at /);
  });

  it('says which option is wrong, exit 2', async () => {
    const run = await runCallsheet(['import', 'examples/import', '--delimiter', ':'], env());
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--delimiter must be , ; \| or tab/);
  });

  it('exports to a gzipped file that imports as all unchanged', async () => {
    const out = path.join(dir, 'customers.csv.gz');
    const exported = await runCallsheet(['export', 'customers', '--out', out], env());
    expect(exported.code).toBe(0);
    const run = await runCallsheet(['import', out], env());
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/customers: 0 inserted, 0 updated, 3 unchanged, 0 rejected/);
    const ndjson = await runCallsheet(['export', 'contacts', '--format', 'ndjson'], env());
    expect(ndjson.stdout.trim().split('\n')).toHaveLength(4);
    expect(JSON.parse(ndjson.stdout.split('\n')[0]!)).toMatchObject({ customer: 'ACME', primary: true });
  });
});
