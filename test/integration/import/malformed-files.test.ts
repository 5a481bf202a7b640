// Every malformation is refused with a precise message naming the row, column and value, and
// leaves the database exactly as it was.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../../src/app/import-files.ts';
import { dbFingerprint } from '../../support/db-fingerprint.ts';
import { EXAMPLES, IMPORT_ACTOR, importStore } from '../../support/import-store.ts';

const fx = importStore({ examples: true });
const { deps, file } = fx;
const actor = IMPORT_ACTOR;

const INVOICE_HEADER = 'number,customer,issue_date,amount\n';

const cases: {
  name: string;
  file: string;
  content: string;
  error: { row: number; column: string; value: string; reason: RegExp } | { file: RegExp };
}[] = [
  {
    name: 'a missing required column',
    file: 'invoices.csv',
    content: 'number,customer,issue_date\nINV-9001,ACME,2027-05-01\n',
    error: { file: /missing required column amount for invoices \(found: number, customer, issue_date\)/ },
  },
  {
    name: 'a bad date',
    file: 'invoices.csv',
    content: `${INVOICE_HEADER}INV-9001,ACME,2027-05-01,100\nINV-9002,ACME,2027-02-30,100\n`,
    error: {
      row: 3,
      column: 'issue_date',
      value: '2027-02-30',
      reason: /is not a date: "2027-02-30"; expected YYYY-MM-DD/,
    },
  },
  {
    name: 'a bad number',
    file: 'invoices.csv',
    content: `${INVOICE_HEADER}INV-9001,ACME,2027-05-01,"12,34.5"\n`,
    error: { row: 2, column: 'amount', value: '12,34.5', reason: /is not an amount: "12,34.5"/ },
  },
  {
    name: 'a key twice in the file',
    file: 'invoices.csv',
    content: `${INVOICE_HEADER}INV-9001,ACME,2027-05-01,100\nINV-9002,ACME,2027-05-01,100\nINV-9001,BOLT,2027-05-02,200\n`,
    error: {
      row: 4,
      column: 'number',
      value: 'INV-9001',
      reason: /duplicate number "INV-9001": row 2 has it too/,
    },
  },
  {
    name: 'an unknown customer',
    file: 'invoices.csv',
    content: `${INVOICE_HEADER}INV-9001,ACME,2027-05-01,100\nINV-9002,NOPE,2027-05-01,100\n`,
    error: {
      row: 3,
      column: 'customer',
      value: 'NOPE',
      reason: /unknown customer "NOPE": import it in customers first/,
    },
  },
  {
    name: 'a bad row after a quoted line break (row numbers count records)',
    file: 'customers.csv',
    content: 'code,name,notes\nNEW1,"New One","line one\nline two"\nNEW2,New Two,"ok"\nNEW3,,x\n',
    error: { row: 4, column: 'name', value: '', reason: /^is required$/ },
  },
  {
    name: 'a quoted field that is never closed',
    file: 'customers.csv',
    content: 'code,name,notes\nNEW1,New One,"never closed\n',
    error: { file: /row 2: a quoted field is never closed/ },
  },
  {
    name: 'a bad value behind a byte-order mark and ; delimiters',
    file: 'invoices.csv',
    content: '\ufeffnumber;customer;issue_date;amount\nINV-9001;ACME;2027-05-01;12x\n',
    error: { row: 2, column: 'amount', value: '12x', reason: /is not an amount/ },
  },
  {
    name: 'a risk rating off the scale',
    file: 'customers.csv',
    content: 'code,name,risk_rating\nNEW1,New One,B\nNEW2,New Two,F\n',
    error: {
      row: 3,
      column: 'risk_rating',
      value: 'F',
      reason: /is not a risk rating: "F"; expected a rating from 1 .* or a grade \(A=1, B=2, C=3, D=4, E=5\)/,
    },
  },
  {
    name: 'an empty file',
    file: 'invoices.csv',
    content: '',
    error: { file: /the file is empty: expected a header row/ },
  },
  {
    name: "another entity's file",
    file: 'invoices.csv',
    content: 'code,name,industry\nNEW1,New One,Retail\n',
    error: {
      file: /missing required columns number, customer, issue_date, amount for invoices.*looks like a customers file: name it customers\.csv or pass --entity customers/,
    },
  },
  {
    name: 'a payment for an invoice of another customer',
    file: 'payments.csv',
    content: 'reference,customer,date,amount,invoice\nP-1,BOLT,2027-05-01,10,INV-5002\n',
    error: {
      row: 2,
      column: 'invoice',
      value: 'INV-5002',
      reason: /invoice "INV-5002" belongs to customer ACME/,
    },
  },
];

describe('a malformed import file', () => {
  it.each(cases)('is refused for $name, and nothing changes', async ({ file: name, content, error }) => {
    const before = await dbFingerprint(fx.store().sql);
    const p = file(name, content);
    const result = await importFiles(deps(), { paths: [p], actor });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.status).toBe('rejected');
    const [f] = result.value.files;
    if ('file' in error) {
      expect(f?.fileError).toMatch(error.file);
    } else {
      expect(f?.fileError).toBeUndefined();
      expect(f?.errors.shown[0]).toMatchObject({ row: error.row, column: error.column, value: error.value });
      expect(f?.errors.shown[0]?.reason).toMatch(error.reason);
      const report = readFileSync(`${p}.errors.csv`, 'utf8').split('\r\n');
      expect(report[0]).toBe('row,column,value,reason');
      expect(report[1]).toMatch(new RegExp(`^${error.row},${error.column},`));
    }
    expect(await dbFingerprint(fx.store().sql)).toEqual(before);
  });

  it('is refused whole even when only one row of many is bad; --skip-invalid writes the rest', async () => {
    const rows = Array.from(
      { length: 120 },
      (_, i) => `INV-8${String(i).padStart(3, '0')},ACME,2027-05-01,${i === 60 ? 'oops' : '10.00'}`,
    );
    const p = file('invoices.csv', `${INVOICE_HEADER}${rows.join('\n')}\n`);
    const before = await dbFingerprint(fx.store().sql);
    const refused = await importFiles(deps(), { paths: [p], actor });
    expect(refused.ok && refused.value.files[0]).toMatchObject({ rows: 120, rejected: 1, inserted: 119 });
    expect(refused.ok && refused.value.status).toBe('rejected');
    expect(await dbFingerprint(fx.store().sql)).toEqual(before);
    const skipped = await importFiles(deps(), { paths: [p], actor, skipInvalid: true });
    expect(skipped.ok && skipped.value.status).toBe('written');
    expect(skipped.ok && skipped.value.files[0]).toMatchObject({ inserted: 119, rejected: 1 });
    const [n] = await fx
      .store()
      .sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM invoices WHERE number LIKE 'INV-8%'`);
    expect(n?.n).toBe(119);
  });

  it('shows the first 50 errors and writes them all to <file>.errors.csv', async () => {
    const rows = Array.from({ length: 80 }, (_, i) => `INV-7${i},ACME,someday,10`);
    const p = file('invoices.csv', `${INVOICE_HEADER}${rows.join('\n')}\n`);
    const result = await importFiles(deps(), { paths: [p], actor });
    if (!result.ok) throw new Error('unexpected');
    const f = result.value.files[0]!;
    expect(f.errors.count).toBe(80);
    expect(f.errors.shown).toHaveLength(50);
    expect(f.errors.shown.map((e) => e.row)).toEqual(Array.from({ length: 50 }, (_, i) => i + 2));
    expect(readFileSync(f.errors.reportPath, 'utf8').trim().split('\r\n')).toHaveLength(81);
  });

  it('a dry run reports what would change and writes nothing', async () => {
    const p = file('customers.csv', 'code,name\nDRY1,Dry One\nACME,Acme Tools Inc.\n');
    const before = await dbFingerprint(fx.store().sql);
    const result = await importFiles(deps(), { paths: [p], actor, dryRun: true });
    expect(result.ok && result.value.status).toBe('dry_run');
    expect(result.ok && result.value.files[0]).toMatchObject({
      inserted: 1,
      updated: 0,
      unchanged: 1,
      rejected: 0,
    });
    expect(await dbFingerprint(fx.store().sql)).toEqual(before);
  });

  it('refuses bad options and unknown file names as values', async () => {
    const bad = await importFiles(deps(), { paths: [EXAMPLES], actor, dateFormat: 'whenever' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_option' } });
    const unknown = await importFiles(deps(), { paths: [file('stuff.csv', 'a,b\n')], actor });
    expect(unknown).toMatchObject({
      ok: false,
      error: {
        code: 'unknown_entity',
        message: expect.stringMatching(/cannot tell what .*stuff\.csv holds/),
      },
    });
    const missing = await importFiles(deps(), { paths: [fx.path('nope.csv')], actor });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
