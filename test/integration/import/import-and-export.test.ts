// Imports that succeed: every format, re-imports that change nothing, changed files that update
// only what changed, payments applied oldest-first, and export → import as a no-op.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportEntity } from '../../../src/app/export-entity.ts';
import { type ImportRequest, importFiles } from '../../../src/app/import-files.ts';
import { loadDemo } from '../../../src/demo/load-demo.ts';
import { ENTITIES } from '../../../src/ingest/entities.ts';
import { dbFingerprint } from '../../support/db-fingerprint.ts';
import { EXAMPLES, IMPORT_ACTOR, importStore } from '../../support/import-store.ts';
import { openTestStore, type TestStore } from '../../support/test-store.ts';

const fx = importStore();
const { deps, file } = fx;
const actor = IMPORT_ACTOR;

async function run(request: Omit<ImportRequest, 'actor'>) {
  const result = await importFiles(deps(), { actor, ...request });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const totals = (report: Awaited<ReturnType<typeof run>>) =>
  Object.fromEntries(report.files.map((f) => [f.entity, [f.inserted, f.updated, f.unchanged, f.rejected]]));

async function invoice(number: string) {
  const [row] = await fx.store().sql.query(
    `SELECT amount::text, open_amount::text, status::text, paid_on::text, due_date::text, disputed, actor, source
       FROM invoices WHERE number = $1`,
    [number],
  );
  return row;
}

describe('importing the example files', () => {
  it('inserts every entity in dependency order, then a re-import changes nothing', async () => {
    const first = await run({ paths: [EXAMPLES] });
    expect(first.status).toBe('written');
    expect(first.files.map((f) => f.entity)).toEqual([...ENTITIES]);
    expect(totals(first)).toEqual({
      fx_rates: [2, 0, 0, 0],
      collectors: [3, 0, 0, 0],
      customers: [3, 0, 0, 0],
      contacts: [4, 0, 0, 0],
      orders: [3, 0, 0, 0],
      invoices: [5, 0, 0, 0],
      payments: [2, 0, 0, 0],
    });
    const before = await dbFingerprint(fx.store().sql);
    const again = await run({ paths: [EXAMPLES] });
    expect(totals(again)).toEqual({
      fx_rates: [0, 0, 2, 0],
      collectors: [0, 0, 3, 0],
      customers: [0, 0, 3, 0],
      contacts: [0, 0, 4, 0],
      orders: [0, 0, 3, 0],
      invoices: [0, 0, 5, 0],
      payments: [0, 0, 2, 0],
    });
    const after = await dbFingerprint(fx.store().sql);
    expect({ ...after, audit_events: '' }).toEqual({ ...before, audit_events: '' });
    const audits = await fx
      .store()
      .sql.query(`SELECT actor, source, action, data FROM audit_events ORDER BY id`);
    expect(audits).toHaveLength(2);
    expect(audits[1]).toMatchObject({ actor: 'tester', source: 'import', action: 'import' });
  });

  it('keeps the actor and source on every row, and derives due dates, status and paid_on', async () => {
    expect(await invoice('INV-5001')).toEqual({
      amount: '12500.00',
      open_amount: '0.00',
      status: 'paid',
      paid_on: '2027-04-20',
      due_date: '2027-04-04',
      disputed: false,
      actor: 'tester',
      source: 'import',
    });
    expect(await invoice('CN-5005')).toMatchObject({
      amount: '-450.00',
      open_amount: '-450.00',
      status: 'open',
    });
    const [c] = await fx
      .store()
      .sql.query(
        `SELECT c.credit_limit::text, c.margin_pct::text, col.code AS collector FROM customers c JOIN collectors col ON col.id = c.collector_id WHERE c.code = 'CRUX'`,
      );
    expect(c).toEqual({ credit_limit: '100000.00', margin_pct: '31.00', collector: 'ana' });
  });

  it('updates only what changed and keeps the columns a file does not have', async () => {
    const p = file(
      'changed/customers.csv',
      'Code,Name\nACME,Acme Tools International\nBOLT,Bolt Logistics LLC\n',
    );
    const report = await run({ paths: [p] });
    expect(totals(report)).toEqual({ customers: [0, 1, 1, 0] });
    const [acme] = await fx
      .store()
      .sql.query(`SELECT name, industry, credit_limit::text FROM customers WHERE code = 'ACME'`);
    expect(acme).toEqual({
      name: 'Acme Tools International',
      industry: 'Manufacturing',
      credit_limit: '50000.00',
    });
  });

  it('applies a payment without an invoice to the oldest open invoices first', async () => {
    file(
      'pay/invoices.csv',
      'number,customer,issue_date,amount\nP-INV-2,BOLT,2027-04-10,300\nP-INV-1,BOLT,2027-04-01,200\n',
    );
    file(
      'pay/payments.csv',
      'reference,customer,date,amount\nPAY-A,BOLT,2027-05-10,2900\nPAY-B,BOLT,2027-05-11,150\n',
    );
    const report = await run({ paths: [fx.path('pay')] });
    expect(report.status).toBe('written');
    // INV-5003 (2027-03-22, 2800 open) takes 2800 of PAY-A, P-INV-1 the remaining 100, then PAY-B 100 + 50.
    expect(await invoice('INV-5003')).toMatchObject({
      open_amount: '0.00',
      status: 'paid',
      paid_on: '2027-05-10',
    });
    expect(await invoice('P-INV-1')).toMatchObject({
      open_amount: '0.00',
      status: 'paid',
      paid_on: '2027-05-11',
    });
    expect(await invoice('P-INV-2')).toMatchObject({ open_amount: '250.00', status: 'open', paid_on: null });
    const apps = await fx.store().sql.query(
      `SELECT p.reference, i.number, a.amount::text FROM payment_applications a JOIN payments p ON p.id = a.payment_id
         JOIN invoices i ON i.id = a.invoice_id WHERE p.reference IN ('PAY-A', 'PAY-B') ORDER BY p.reference, i.issue_date`,
    );
    expect(apps).toEqual([
      { reference: 'PAY-A', number: 'INV-5003', amount: '2800.00' },
      { reference: 'PAY-A', number: 'P-INV-1', amount: '100.00' },
      { reference: 'PAY-B', number: 'P-INV-1', amount: '100.00' },
      { reference: 'PAY-B', number: 'P-INV-2', amount: '50.00' },
    ]);
  });
});

describe('a bulk load', () => {
  it('drops the indexes for the insert and rebuilds them as they were', async () => {
    const indexes = () =>
      fx
        .store()
        .sql.query(
          `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'orders' ORDER BY indexname`,
        );
    const before = await indexes();
    const rows = Array.from({ length: 50 }, (_, i) => `B-${i},ACME,2027-05-01,${i}.50`);
    const p = file('bulk/orders.csv', `number,customer,date,amount\n${rows.join('\n')}\n`);
    const report = await run({ paths: [p], bulkRows: 10 });
    expect(totals(report)).toEqual({ orders: [50, 0, 0, 0] });
    expect(await indexes()).toEqual(before);
    const [n] = await fx.store().sql.query(`SELECT count(*)::int AS n FROM orders WHERE number LIKE 'B-%'`);
    expect(n).toEqual({ n: 50 });
  });
});

describe('formats', () => {
  it('reads NDJSON, a JSON array and gzip (by magic bytes, whatever the name)', async () => {
    file(
      'fmt/customers.ndjson',
      '{"code":"J1","name":"Json One","credit_limit":1234.5,"risk_rating":2}\n\n{"code":"J2","name":"Json Two","notes":null}\n',
    );
    file(
      'fmt/contacts.json',
      JSON.stringify([
        { customer: 'J1', name: 'Ann', primary: true },
        { customer: 'J2', name: 'Bo', role: 'CFO' },
      ]),
    );
    file('fmt/orders.csv.gz', gzipSync('number,customer,date,amount\nO-J1,J1,2027-05-01,99.95\n'));
    file('fmt/invoices.csv', gzipSync('number,customer,issue_date,amount\nI-J1,J1,2027-05-01,99.95\n'));
    const report = await run({ paths: [fx.path('fmt')] });
    expect(report.status).toBe('written');
    expect(totals(report)).toEqual({
      customers: [2, 0, 0, 0],
      contacts: [2, 0, 0, 0],
      orders: [1, 0, 0, 0],
      invoices: [1, 0, 0, 0],
    });
    const [j1] = await fx
      .store()
      .sql.query(`SELECT credit_limit::text, risk_rating FROM customers WHERE code = 'J1'`);
    expect(j1).toEqual({ credit_limit: '1234.50', risk_rating: 2 });
  });

  it('reads ; delimited files with a BOM, European amounts, other date layouts and mapped headers', async () => {
    const p = file(
      'eu/export.txt',
      '\ufeffFaktura;Kunde;Datum;Betrag;Open Amount\r\nEU-1;ACME;28.05.2027;"1.234,56";-1.234,56\r\nEU-2;ACME;01.06.2027;(12,00);0\r\n',
    );
    const report = await run({
      paths: [p],
      entity: 'invoices',
      locale: 'de-DE',
      dateFormat: 'DD.MM.YYYY',
      map: ['Faktura=number', 'kunde=customer', 'DATUM=issue_date', 'Betrag=amount'],
    });
    expect(report.status).toBe('written');
    expect(await invoice('EU-1')).toMatchObject({
      amount: '1234.56',
      open_amount: '-1234.56',
      due_date: '2027-06-27',
    });
    expect(await invoice('EU-2')).toMatchObject({ amount: '-12.00', open_amount: '0.00', status: 'paid' });
  });
});

describe('export', () => {
  // The demo loads only into a database without other customers.
  let demo: TestStore;
  beforeAll(async () => {
    demo = await openTestStore();
    await loadDemo(demo, { size: 'small', seed: 42, today: '2027-05-28' });
  });
  afterAll(async () => {
    await demo?.close();
  });

  it.each(['csv', 'ndjson'] as const)(
    '→ import of the demo company as %s changes nothing',
    async (format) => {
      const demoDeps = { store: demo, now: () => new Date('2027-05-28T12:00:00Z') };
      const out = fx.path(`roundtrip-${format}`);
      mkdirSync(out, { recursive: true });
      // The demo company is single-currency: it has no exchange rates to export.
      for (const entity of ENTITIES.filter((e) => e !== 'fx_rates')) {
        let text = '';
        for await (const chunk of exportEntity(demoDeps, { entity, format })) text += chunk;
        writeFileSync(path.join(out, `${entity}.${format}`), text);
      }
      const before = await dbFingerprint(demo.sql);
      const result = await importFiles(demoDeps, { actor, paths: [out] });
      if (!result.ok) throw new Error(result.error.message);
      const report = result.value;
      expect(report.files.flatMap((f) => f.errors.shown)).toEqual([]);
      expect(report.status).toBe('written');
      for (const f of report.files) {
        expect({ entity: f.entity, inserted: f.inserted, updated: f.updated, rejected: f.rejected }).toEqual({
          entity: f.entity,
          inserted: 0,
          updated: 0,
          rejected: 0,
        });
        expect(f.unchanged).toBeGreaterThan(0);
      }
      const after = await dbFingerprint(demo.sql);
      expect({ ...after, audit_events: '' }).toEqual({ ...before, audit_events: '' });
    },
  );
});
