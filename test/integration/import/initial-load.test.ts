// The first load of an empty invoices table COPYs straight into it (no staging table). It must
// write exactly what the staging path writes, word refusals the same way, and fall back to the
// staging path when the file repeats a key.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ImportRequest, importFiles } from '../../../src/app/import-files.ts';
import { dbFingerprint } from '../../support/db-fingerprint.ts';
import { openTestStore, type TestStore } from '../../support/test-store.ts';

const actor = { code: 'tester', source: 'import' as const };
const dir = mkdtempSync(path.join(os.tmpdir(), 'callsheet-initial-'));
let store: TestStore;

beforeEach(async () => {
  store = await openTestStore();
});
afterEach(async () => {
  await store?.close();
});

async function run(request: Omit<ImportRequest, 'actor'>) {
  const result = await importFiles(
    { store, now: () => new Date('2027-05-28T12:00:00Z') },
    { actor, ...request },
  );
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function file(name: string, content: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

// Everything an invoice holds but its id and timestamps, by number.
const invoices = () =>
  store.sql.query(
    `SELECT i.number, c.code AS customer, i.issue_date::text, i.due_date::text, i.delivery_date::text,
            i.amount::text, i.open_amount::text, i.currency, i.status::text, i.paid_on::text, i.disputed,
            i.actor, i.source
       FROM invoices i JOIN customers c ON c.id = i.customer_id ORDER BY i.number`,
  );

const CUSTOMERS = 'code,name,terms_days\nACME,Acme,45\nBOLT,Bolt,30\n';
const INVOICES = [
  'number,customer,issue_date,due_date,amount,open_amount,currency,disputed',
  'I-1,ACME,2027-01-31,,"1,200.5",,,',
  'I-2,BOLT,2027-02-28,2027-03-15,0.00,,eur,yes',
  'I-3,ACME,2027-03-01,,99.99,10,USD,false',
  '"I-4\tx",BOLT,2027-03-02,,-5,,,',
].join('\n');

describe('the initial load of invoices', () => {
  it('writes what the staging path writes, and the next import upserts over it', async () => {
    const customers = file('customers.csv', CUSTOMERS);
    const p = file('invoices.csv', INVOICES);
    const staged = await run({ paths: [customers, p], initialLoad: false });
    const expected = await invoices();
    await store.close();
    store = await openTestStore();
    const direct = await run({ paths: [customers, p] });
    expect(direct.files.map((f) => [f.inserted, f.updated, f.unchanged, f.rejected])).toEqual(
      staged.files.map((f) => [f.inserted, f.updated, f.unchanged, f.rejected]),
    );
    expect(await invoices()).toEqual(expected);
    const again = await run({ paths: [p] });
    expect(again.files[0]).toMatchObject({ inserted: 0, updated: 0, unchanged: 4 });
    const more = await run({ paths: [file('invoices.csv', `${INVOICES}\nI-5,ACME,2027-04-01,,7`)] });
    expect(more.files[0]).toMatchObject({ inserted: 1, unchanged: 4 });
  });

  it('names an unknown customer like the staging check, and a refused file writes nothing', async () => {
    await run({ paths: [file('customers.csv', CUSTOMERS)] });
    const before = await dbFingerprint(store.sql);
    const p = file('invoices.csv', `${INVOICES}\nI-9,NOPE,2027-01-01,,1`);
    const report = await run({ paths: [p] });
    expect(report.status).toBe('rejected');
    expect(report.files[0]).toMatchObject({ inserted: 4, rejected: 1 });
    expect(report.files[0]?.errors.shown).toEqual([
      {
        row: 6,
        column: 'customer',
        value: 'NOPE',
        reason: 'unknown customer "NOPE": import it in customers first, or fix the code',
      },
    ]);
    expect(await dbFingerprint(store.sql)).toEqual(before);
  });

  it('falls back to the staging path when a key repeats, which says which rows', async () => {
    await run({ paths: [file('customers.csv', CUSTOMERS)] });
    const p = file('invoices.csv', `${INVOICES}\nI-2,ACME,2027-01-01,,1`);
    const report = await run({ paths: [p], skipInvalid: true });
    expect(report.files[0]).toMatchObject({ inserted: 4, rejected: 1 });
    expect(report.files[0]?.errors.shown[0]).toMatchObject({ row: 6, column: 'number', value: 'I-2' });
    expect((await invoices()).map((i) => i.number)).toEqual(['I-1', 'I-2', 'I-3', 'I-4\tx']);
    const indexes = await store.sql.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'invoices'`);
    expect(indexes.length).toBeGreaterThanOrEqual(5);
  });

  it('keeps the id sequence ahead of the ids it used', async () => {
    await run({ paths: [file('customers.csv', CUSTOMERS), file('invoices.csv', INVOICES)] });
    const [next] = await store.sql.query<{ ok: boolean }>(
      `SELECT nextval(pg_get_serial_sequence('invoices', 'id')) > (SELECT max(id) FROM invoices) AS ok`,
    );
    expect(next?.ok).toBe(true);
  });
});
