// Orders in several currencies (base USD): the import keeps each order's currency (the base when
// the file has none), and the order-volume factor, the order alerts and the credit-limit check add
// them up in base money at the rate of the order's day (of the day checked, for open orders).
import { describe, expect, it } from 'vitest';
import { changeSetting } from '../../src/app/business-settings.ts';
import { scanAlerts } from '../../src/app/scan-alerts.ts';
import { readScoreInputs } from '../../src/store/sheet-inputs.ts';
import { importStore } from '../support/import-store.ts';

const TODAY = '2027-05-28';
const fx = importStore();

const HISTORY = ['2026-12-01', '2027-01-01', '2027-02-01', '2027-03-01', '2027-04-01', '2027-05-01'];

async function load(folder: string): Promise<void> {
  await fx.importWritten(fx.path(folder));
}

const idOf = async (code: string): Promise<number> => {
  const [row] = await fx
    .store()
    .sql.query<{ id: number }>('SELECT id FROM customers WHERE code = $1', [code]);
  return row!.id;
};

describe('orders in several currencies', () => {
  it('imports each order in its own currency', async () => {
    fx.file(
      'm/fx_rates.csv',
      'date,currency,rate\n2026-01-01,JPY,0.0065\n2027-01-01,EUR,1.05\n2027-05-01,EUR,1.08\n2027-05-20,EUR,1.10\n',
    );
    fx.file('m/collectors.csv', 'code,name,time_zone,daily_capacity\nana,Ana Ruiz,America/New_York,10\n');
    fx.file(
      'm/customers.csv',
      [
        'code,name,industry,region,terms_days,credit_limit,collector',
        'BIG,Big Buyer Inc.,Wholesale,Northeast,30,,ana',
        'YEN,Yen Trading KK,Wholesale,Asia,30,,ana',
        'LIM,Limit Ltd,Wholesale,Europe,30,10000.00,ana',
        'YENL,Yen Limit KK,Wholesale,Asia,30,12000.00,ana',
        '',
      ].join('\n'),
    );
    fx.file(
      'm/orders.csv',
      [
        'number,customer,date,amount,currency',
        ...HISTORY.map((d, k) => `B-${k},BIG,${d},4000.00,USD`),
        ...HISTORY.map((d, k) => `Y-${k},YEN,${d},100000.00,JPY`),
        // €15,000 at 1.10 = $16,500: over 4 × its usual $4,000.
        'B-EUR,BIG,2027-05-25,15000.00,EUR',
        // No GBP rate: it cannot be valued, so it counts nowhere.
        'B-GBP,BIG,2027-05-20,900000.00,GBP',
        // ¥1,500,000 is 15 × its usual, but $9,750: under the $10,000 an unusual order needs.
        'Y-BIG,YEN,2027-05-25,1500000.00,JPY',
        // €10,000 at 1.10 = $11,000 open: 110% of the $10,000 limit.
        'L-1,LIM,2027-05-26,10000.00,EUR',
        '',
      ].join('\n'),
    );
    // ¥2,000,000 open at 0.0065 = $13,000: 108% of its $12,000 limit (at JPY's rate, not EUR's).
    fx.file(
      'm/invoices.csv',
      'number,customer,issue_date,due_date,amount,currency\nYL-1,YENL,2027-05-01,2027-05-31,2000000.00,JPY\n',
    );
    await load('m');
    const rows = await fx
      .store()
      .sql.query<{ number: string; currency: string }>(
        `SELECT number, currency FROM orders WHERE number IN ('B-0', 'Y-0', 'B-EUR') ORDER BY number`,
      );
    expect(rows).toEqual([
      { number: 'B-0', currency: 'USD' },
      { number: 'B-EUR', currency: 'EUR' },
      { number: 'Y-0', currency: 'JPY' },
    ]);
  });

  it('sums the last 90 days of orders in base money at the rate of each order day', async () => {
    const big = await idOf('BIG');
    const inputs = await readScoreInputs(fx.store().sql, TODAY, [big], 'USD');
    // 2027-03-01, 04-01, 05-01 at $4,000 and €15,000 × 1.10; the GBP order is left out.
    expect(inputs.get(big)!.orders).toEqual({ last90Cents: 3 * 400_000 + 1_650_000, last90Count: 4 });
  });

  it('checks order alerts and the credit limit in base money', async () => {
    const scan = await scanAlerts(fx.deps(), { asOf: TODAY });
    const unusual = scan.created.filter((a) => a.kind === 'unusual_order');
    expect(unusual.map((a) => a.customer?.code)).toEqual(['BIG']);
    expect(unusual[0]!.title).toContain('$16,500.00');
    const limit = scan.created.filter((a) => a.kind === 'credit_limit');
    expect(limit.map((a) => [a.customer?.code, a.title.replace(/^.* at /, '')])).toEqual([
      ['LIM', '110% of $10,000.00'],
      ['YENL', '108% of $12,000.00'],
    ]);
  });

  it('takes the base currency for orders in a file without the column', async () => {
    const sql = fx.store().sql;
    const who = { actor: 'tester', source: 'cli' };
    await changeSetting(sql, 'company.baseCurrency', 'EUR', who);
    try {
      fx.file('plain/orders.csv', 'number,customer,date,amount\nB-PLAIN,BIG,2027-05-27,100.00\n');
      await load('plain');
      const [row] = await sql.query<{ currency: string }>(
        "SELECT currency FROM orders WHERE number = 'B-PLAIN'",
      );
      expect(row?.currency).toBe('EUR');
    } finally {
      await changeSetting(sql, 'company.baseCurrency', 'USD', who);
    }
  });
});
