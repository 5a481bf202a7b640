// Promises in a two-currency company (base USD, the currencies fixture): a promise is in the
// currency of the money it covers — the customer's open invoices', the base when they are in
// several — shown in it, weighed by the engine in base money, and judged kept by payments in it.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCallSheets } from '../../src/app/build-call-sheets.ts';
import { runCommand } from '../../src/app/commands/run-command.ts';
import { evaluatePromises } from '../../src/app/evaluate-promises.ts';
import { scanAlerts } from '../../src/app/scan-alerts.ts';
import { importStore } from '../support/import-store.ts';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/currencies');
const fx = importStore();

let keys = 0;
const run = (text: string) =>
  runCommand(fx.deps(), {
    command: 'callsheet',
    text,
    user: { platform: 'console', id: 'ana' },
    idempotencyKey: `promise-currency-${++keys}`,
  });

const promisesOf = (code: string) =>
  fx.store().sql.query<{ amount: string; currency: string; status: string; covered: string | null }>(
    `SELECT p.amount::text AS amount, p.currency, p.status::text AS status, p.covered_amount::text AS covered
         FROM promises p JOIN customers c ON c.id = p.customer_id WHERE c.code = $1 ORDER BY p.id`,
    [code],
  );

describe('promises in a two-currency company', () => {
  it('records each promise in the currency of the money it covers', async () => {
    await fx.importWritten(FIXTURES);

    const euro = await run('logcall EURO promised 5000 by 2027-06-04');
    expect(euro.title).toContain('promised €5,000.00 by');
    expect(await promisesOf('EURO')).toEqual([
      { amount: '5000.00', currency: 'EUR', status: 'open', covered: null },
    ]);
    // MIX owes $500 and €1,000: no amount said, so the overdue balance in base money at today's
    // rate ($500 + €1,000 × 1.10), in USD.
    const mix = await run('logcall MIX promised by 2027-06-04');
    expect(mix.title).toContain('promised $1,600.00 by');
    expect(await promisesOf('MIX')).toEqual([
      { amount: '1600.00', currency: 'USD', status: 'open', covered: null },
    ]);
  });

  it('lists each promise in its own currency', async () => {
    const list = await run('promises all');
    const text = JSON.stringify(list);
    expect(text).toContain('€5,000.00');
    expect(text).toContain('$1,600.00');
  });

  it('weighs a pending promise in base money on the sheets', async () => {
    const set = await buildCallSheets(fx.deps(), { asOf: '2027-05-28' });
    const rows = set.sheets.flatMap((s) => s.rows);
    const euro = rows.find((r) => r.customer.code === 'EURO');
    // €5,000 × 1.10: the action speaks base money, as every other amount on the row.
    expect(euro?.action.label).toBe('Promise of $5,500 due Jun 4: check it is on track');
  });

  it('judges a promise kept by payments in its currency, and the base one by payments in any at their day’s rate', async () => {
    fx.file(
      'pay/payments.csv',
      [
        'reference,customer,date,amount,invoice,currency',
        'P-E,EURO,2027-06-02,5000.00,E-1,EUR',
        'P-M1,MIX,2027-06-01,500.00,M-2,USD',
        'P-M2,MIX,2027-06-03,1000.00,M-1,EUR',
        '',
      ].join('\n'),
    );
    await fx.importWritten(fx.path('pay'));
    const result = await evaluatePromises(fx.deps(), { asOf: '2027-06-08' });
    expect(result.broken).toEqual([]);
    expect(await promisesOf('EURO')).toEqual([
      { amount: '5000.00', currency: 'EUR', status: 'kept', covered: '5000.00' },
    ]);
    // $500 + €1,000 at 1.10 (the rate of 2027-06-03) = $1,600.
    expect(await promisesOf('MIX')).toEqual([
      { amount: '1600.00', currency: 'USD', status: 'kept', covered: '1600.00' },
    ]);
  });

  it('counts a payment in another currency into a lapsed base-currency promise at its day’s rate', async () => {
    await run('logcall YANK promised 1000 by 2027-06-05');
    fx.file('yank/payments.csv', 'reference,customer,date,amount,currency\nP-Y,YANK,2027-06-06,200.00,EUR\n');
    await fx.importWritten(fx.path('yank'));
    // Not yet judged by the evaluation: the alert scan finds it open past its date + grace.
    const scan = await scanAlerts(fx.deps(), { asOf: '2027-06-10' });
    const broken = scan.created.find((a) => a.kind === 'broken_promise' && a.customer?.code === 'YANK');
    // €200 at 1.10 = $220 received, not $200.
    expect(broken?.message).toContain('$220.00 received');
  });
});
