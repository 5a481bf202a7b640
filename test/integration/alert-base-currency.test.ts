// A company counting in euros with German number formats: every alert writes its amounts in the
// base currency and locale ('48.000,00 €'), never in dollars, whatever the detector.
import { describe, expect, it } from 'vitest';
import { scanAlerts } from '../../src/app/scan-alerts.ts';
import { makeEuroCompany, NBSP } from '../support/euro-company.ts';
import { importStore } from '../support/import-store.ts';

const TODAY = '2027-05-28';
const fx = importStore();
const HISTORY = ['2026-12-01', '2027-01-01', '2027-02-01', '2027-03-01', '2027-04-01', '2027-05-01'];
/** German amounts have a no-break space before the euro sign. */
const euros = (text: string) => text.replaceAll(' €', `${NBSP}€`);

describe('alerts in a company with base EUR and locale de-DE', () => {
  it('writes every alert amount in euros, German style', async () => {
    await makeEuroCompany(fx.store().sql);
    fx.file('a/collectors.csv', 'code,name,time_zone,daily_capacity\nana,Ana Ruiz,Europe/Berlin,10\n');
    fx.file(
      'a/customers.csv',
      [
        'code,name,industry,region,first_order_on,terms_days,credit_limit,collector',
        'BIG,Big Abnehmer AG,Wholesale,Europe,2026-12-01,30,,ana',
        'NEU,Neukunde GmbH,Wholesale,Europe,2027-05-24,30,,ana',
        'LIM,Limit GmbH,Wholesale,Europe,2027-05-26,30,10000.00,ana',
        'SLOW,Langsam KG,Wholesale,Europe,,30,,ana',
        '',
      ].join('\n'),
    );
    // No currency column anywhere: everything is in the base currency, EUR.
    fx.file(
      'a/orders.csv',
      [
        'number,customer,date,amount',
        ...HISTORY.map((d, k) => `B-${k},BIG,${d},4000.00`),
        // 10 × its usual 4.000 €.
        'B-BIG,BIG,2027-05-25,40000.00',
        // A first order of 60.000 €, over the 25.000 € floor and 3 × the peers' median.
        'N-1,NEU,2027-05-24,60000.00',
        // 12.000 € open against a 10.000 € limit.
        'L-1,LIM,2027-05-26,12000.00',
        '',
      ].join('\n'),
    );
    // SLOW paid in 30 days last autumn and now takes two months: the only seller, so a top customer.
    fx.file(
      'a/invoices.csv',
      [
        'number,customer,issue_date,due_date,amount,open_amount',
        'S-1,SLOW,2026-09-01,2026-10-01,20000.00,20000.00',
        'S-2,SLOW,2026-10-01,2026-10-31,20000.00,20000.00',
        'S-3,SLOW,2026-11-01,2026-12-01,20000.00,20000.00',
        'S-4,SLOW,2027-02-01,2027-03-03,20000.00,20000.00',
        'S-5,SLOW,2027-03-01,2027-03-31,20000.00,20000.00',
        '',
      ].join('\n'),
    );
    fx.file(
      'a/payments.csv',
      [
        'reference,customer,date,amount,invoice',
        'P-1,SLOW,2026-10-01,20000.00,S-1',
        'P-2,SLOW,2026-10-31,20000.00,S-2',
        'P-3,SLOW,2026-12-01,20000.00,S-3',
        'P-4,SLOW,2027-04-12,20000.00,S-4',
        'P-5,SLOW,2027-05-01,20000.00,S-5',
        '',
      ].join('\n'),
    );
    await fx.importWritten(fx.path('a'));

    const scan = await scanAlerts(fx.deps(), { asOf: TODAY });
    const of = (kind: string) => scan.created.find((a) => a.kind === kind);
    expect(scan.created.map((a) => `${a.kind} ${a.customer?.code}`).sort()).toEqual([
      'credit_limit LIM',
      'new_customer_large_order NEU',
      'slowing_payments SLOW',
      'unusual_order BIG',
    ]);
    expect(of('unusual_order')?.title).toBe(
      euros('Unusual order: 40.000,00 € from Big Abnehmer AG, 10× its usual'),
    );
    expect(of('new_customer_large_order')?.title).toBe(
      euros('Large order from a new customer: 60.000,00 € from Neukunde GmbH'),
    );
    expect(of('new_customer_large_order')?.message).toContain(
      euros('5,0× the median first order of comparable customers (12.000,00 €; all customers, 3 customers)'),
    );
    expect(of('credit_limit')?.title).toBe(euros('Credit limit exceeded: Limit GmbH at 120% of 10.000,00 €'));
    expect(of('credit_limit')?.message).toBe(
      euros(
        'Open receivables 0,00 € + open orders 12.000,00 € = 12.000,00 €, 2.000,00 € over the 10.000,00 € limit (+20%).',
      ),
    );
    expect(of('slowing_payments')?.message).toContain(
      euros('A top customer (100.000,00 € of sales in 12 months).'),
    );
    for (const alert of scan.created) expect(`${alert.title} ${alert.message}`).not.toContain('$');
  });
});
