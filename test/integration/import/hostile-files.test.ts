// Import files made to hurt: a runaway row, characters PostgreSQL cannot store, a cut gzip, escape
// sequences meant for the terminal, formula cells meant for a spreadsheet. Each is refused (or
// written safely) with a bounded message naming the row, and leaves the database as it was.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { exportEntity } from '../../../src/app/export-entity.ts';
import { importFiles } from '../../../src/app/import-files.ts';
import { escapeControls } from '../../../src/domain/safe-text.ts';
import { dbFingerprint } from '../../support/db-fingerprint.ts';
import { IMPORT_ACTOR, importStore } from '../../support/import-store.ts';

const fx = importStore({ examples: true });
const { deps, file } = fx;
const actor = IMPORT_ACTOR;

async function refused(p: string) {
  const before = await dbFingerprint(fx.store().sql);
  const result = await importFiles(deps(), { paths: [p], actor });
  if (!result.ok) throw new Error(result.error.message);
  expect(result.value.status).toBe('rejected');
  expect(await dbFingerprint(fx.store().sql)).toEqual(before);
  return result.value.files[0]!;
}

const MB = 1024 * 1024;

describe('a runaway record', () => {
  it.each([
    [
      'one 5 MB line of CSV (a quote never closed)',
      'customers.csv',
      `code,name\nX1,"${'x'.repeat(5 * MB)}\n`,
    ],
    ['one 5 MB unquoted CSV field', 'customers.csv', `code,name\nX1,${'y'.repeat(5 * MB)}\n`],
    ['one 5 MB NDJSON line', 'customers.ndjson', `{"code":"X1","name":"${'z'.repeat(5 * MB)}"}\n`],
    ['one 5 MB JSON element', 'customers.json', `[{"code":"X1","name":"${'w'.repeat(5 * MB)}"}]`],
  ])('is refused with the row it starts on: %s', async (_, name, content) => {
    const p = file(name, content);
    const f = await refused(p);
    // The row a spreadsheet would show (the header is row 1); in JSON the element or line.
    const row = name.endsWith('.csv') ? 2 : 1;
    expect(f.fileError).toMatch(
      new RegExp(`^row ${row}: the (row|record) is longer than 1,048,576 characters`),
    );
    // The report says so in one line; it does not copy the record.
    expect(statSync(`${p}.errors.csv`).size).toBeLessThan(1000);
  });

  it('shows and reports an excerpt of a long bad value, not all of it', async () => {
    const p = file(
      'invoices.csv',
      `number,customer,issue_date,amount\nINV-L1,ACME,2027-05-01,${'9x'.repeat(200_000)}\n`,
    );
    const f = await refused(p);
    const [shown] = f.errors.shown;
    expect(shown).toMatchObject({ row: 2, column: 'amount' });
    expect(shown!.value).toMatch(/^9x9x.*… \(400,000 characters\)$/);
    expect(shown!.value.length).toBeLessThan(250);
    expect(shown!.reason.length).toBeLessThan(1100);
    expect(statSync(`${p}.errors.csv`).size).toBeLessThan(2000);
  });
});

describe('characters that cannot be stored', () => {
  it.each([
    ['a NUL in a CSV cell', 'customers.csv', 'code,name\nN1,bad\u0000name\n', /NUL character/],
    ['a NUL in JSON', 'customers.ndjson', '{"code":"N1","name":"bad\\u0000name"}\n', /NUL character/],
    [
      'a lone surrogate in JSON',
      'customers.ndjson',
      '{"code":"N1","name":"bad\\ud800name"}\n',
      /unpaired UTF-16 surrogate/,
    ],
  ])('refuses %s, naming the row and column', async (_, name, content, reason) => {
    const f = await refused(file(name, content));
    expect(f.fileError).toBeUndefined();
    expect(f.errors.shown[0]).toMatchObject({ row: name.endsWith('csv') ? 2 : 1, column: 'name' });
    expect(f.errors.shown[0]!.reason).toMatch(reason);
  });
});

describe('a damaged gzip file', () => {
  const csv = `code,name\n${Array.from({ length: 2000 }, (_, i) => `G${i},Gzip Customer ${i}`).join('\n')}\n`;
  it.each([
    ['cut short', () => gzipSync(csv).subarray(0, 600)],
    ['corrupt', () => Buffer.concat([gzipSync(csv).subarray(0, 20), Buffer.alloc(200, 0x55)])],
  ])('is refused by name when %s', async (_, bytes) => {
    const f = await refused(file('customers.csv.gz', bytes()));
    expect(f.file).toMatch(/customers\.csv\.gz$/);
    expect(f.fileError).toMatch(
      /^the gzip data is cut short or corrupt \(.+\): copy or export the file again/,
    );
  });
});

describe('terminal escape sequences', () => {
  it('are escaped in the messages built from a header', async () => {
    const f = await refused(
      file('invoices.csv', 'number,\u001b[2J\u001b[31mcustomer\u009b1m,issue_date\nI,C,2027-01-01\n'),
    );
    expect(f.fileError).toMatch(/found: number, \\x1b\[2J\\x1b\[31mcustomer\\x9b1m, issue_date/);
    expect(escapeControls(f.fileError ?? '', true)).toBe(f.fileError);
  });

  it('are escaped in the error report file', async () => {
    const p = file(
      'invoices.csv',
      'number,customer,issue_date,amount\nINV-E1,ACME,\u001b]0;pwned\u0007,10\n',
    );
    await refused(p);
    const report = readFileSync(`${p}.errors.csv`, 'utf8').replace(/\r\n/g, '\n');
    expect(report).toContain('\\x1b]0;pwned\\x07');
    expect(escapeControls(report, true)).toBe(report);
  });
});

describe('formula cells', () => {
  const evil = "=cmd|' /C calc'!A0";
  it('are written with an apostrophe in exports and error reports, and import back unchanged', async () => {
    const p = file('customers.csv', `code,name,notes\nEVIL1,"${evil}",+1 555 0100\nEVIL2,@SUM(A1),-x\n`);
    const written = await importFiles(deps(), { paths: [p], actor });
    expect(written.ok && written.value.status).toBe('written');
    let csv = '';
    for await (const chunk of exportEntity(deps(), { entity: 'customers', format: 'csv' })) csv += chunk;
    const lines = csv.split('\r\n');
    expect(lines.find((l) => l.startsWith('EVIL1,'))).toMatch(
      /^EVIL1,'=cmd\|' \/C calc'!A0,.*,'\+1 555 0100$/,
    );
    expect(lines.find((l) => l.startsWith('EVIL2,'))).toMatch(/^EVIL2,'@SUM\(A1\),.*,'-x$/);
    // Every cell that starts like a formula carries the apostrophe.
    for (const line of lines) expect(line).not.toMatch(/(^|,)"?[=+@]/);
    const before = (await dbFingerprint(fx.store().sql)).customers;
    const again = await importFiles(deps(), { paths: [file('customers.csv', csv)], actor });
    expect(again.ok && again.value.files[0]).toMatchObject({ inserted: 0, updated: 0, rejected: 0 });
    expect((await dbFingerprint(fx.store().sql)).customers).toEqual(before);
    const [row] = await fx
      .store()
      .sql.query<{ name: string; notes: string }>(`SELECT name, notes FROM customers WHERE code = 'EVIL1'`);
    expect(row).toEqual({ name: evil, notes: '+1 555 0100' });
    const bad = file('invoices.csv', `number,customer,issue_date,amount\n${evil},ACME,2027-05-01,=1+1\n`);
    await refused(bad);
    expect(readFileSync(`${bad}.errors.csv`, 'utf8')).toContain(`,amount,'=1+1,`);
  });
});

describe('a refused or dry-run import', () => {
  it('leaves the id sequences where they were', async () => {
    const next = async () =>
      (
        await fx
          .store()
          .sql.query<{ v: string }>(
            `SELECT last_value::text AS v FROM pg_sequences WHERE sequencename = 'invoices_id_seq'`,
          )
      )[0]?.v;
    const before = await next();
    const rows = Array.from({ length: 3000 }, (_, i) => `INV-S${i},ACME,2027-05-01,10`);
    const p = file('invoices.csv', `number,customer,issue_date,amount\n${rows.join('\n')}\n`);
    const dry = await importFiles(deps(), { paths: [p], actor, dryRun: true });
    expect(dry.ok && dry.value.files[0]).toMatchObject({ inserted: 3000 });
    expect(await next()).toBe(before);
    writeFileSync(p, `number,customer,issue_date,amount\n${rows.join('\n')}\nINV-BAD,NOPE,2027-05-01,10\n`);
    await refused(p);
    expect(await next()).toBe(before);
  });
});
