// A company counting in euros with German number formats: the sheets' reason and action sentences
// write its base money as people there read it ("48.200 € overdue"), not in dollars.
import { describe, expect, it } from 'vitest';
import { assessAccount } from '../../src/app/assess-account.ts';
import { buildCallSheets } from '../../src/app/build-call-sheets.ts';
import { makeEuroCompany, NBSP } from '../support/euro-company.ts';
import { importStore } from '../support/import-store.ts';

const TODAY = '2027-05-28';
const fx = importStore();

describe('a company with base EUR and locale de-DE', () => {
  it('writes reasons in whole euros, German style', async () => {
    const sql = fx.store().sql;
    await makeEuroCompany(sql);
    fx.file('eur/collectors.csv', 'code,name,time_zone,daily_capacity\nana,Ana Ruiz,Europe/Berlin,10\n');
    fx.file(
      'eur/customers.csv',
      'code,name,industry,region,terms_days,collector\nKRUPP,Krupp Teile AG,Manufacturing,Europe,30,ana\n',
    );
    // No currency column: the invoices are in the base currency.
    fx.file(
      'eur/invoices.csv',
      [
        'number,customer,issue_date,due_date,amount,open_amount',
        'K-1,KRUPP,2027-03-07,2027-04-06,40000.00,40000.00',
        'K-2,KRUPP,2027-04-18,2027-05-18,8200.49,8200.49',
        '',
      ].join('\n'),
    );
    await fx.importWritten(fx.path('eur'));

    const set = await buildCallSheets(fx.deps(), { asOf: TODAY });
    const row = set.sheets.flatMap((s) => s.rows).find((r) => r.customer.code === 'KRUPP')!;
    expect(row.reasons[0]).toMatch(
      new RegExp(`^48\\.200${NBSP}€ overdue \\(40\\.000${NBSP}€ of it in the agency queue\\); \\S+ likely`),
    );
    expect(row.reasons.join('\n')).not.toContain('$');

    const [krupp] = await sql.query<{ id: number }>("SELECT id FROM customers WHERE code = 'KRUPP'");
    const assessed = await assessAccount(fx.deps(), krupp!.id, TODAY, 'Europe/Berlin');
    expect(assessed?.reason).toBe(row.reasons[0]);
  });
});
