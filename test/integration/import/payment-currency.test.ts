// Payments and invoices in different currencies: a payment pays an invoice in the invoice's own
// currency, as an ERP books the application. One naming an invoice in another currency is refused
// with the currencies and the fix; one naming none pays the oldest open invoices in its currency.
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../../src/app/import-files.ts';
import { IMPORT_ACTOR, importStore } from '../../support/import-store.ts';

const fx = importStore();

const openOf = async () =>
  Object.fromEntries(
    (
      await fx
        .store()
        .sql.query<{ number: string; open: string }>(
          'SELECT number, open_amount::text AS open FROM invoices ORDER BY number',
        )
    ).map((r) => [r.number, r.open]),
  );

describe('payments across currencies', () => {
  it('refuses a payment naming an invoice in another currency, naming both and the fix', async () => {
    fx.file('base/fx_rates.csv', 'date,currency,rate\n2027-01-01,EUR,1.10\n');
    fx.file('base/collectors.csv', 'code,name\nana,Ana Ruiz\n');
    fx.file('base/customers.csv', 'code,name,terms_days,collector\nMIX,Mixed Trading Ltd,30,ana\n');
    fx.file(
      'base/invoices.csv',
      [
        'number,customer,issue_date,amount,currency',
        'M-1,MIX,2027-03-01,1000.00,EUR',
        'M-2,MIX,2027-03-05,500.00,USD',
        'M-3,MIX,2027-03-10,300.00,EUR',
        '',
      ].join('\n'),
    );
    await fx.importWritten(fx.path('base'));

    // No currency column: the payment is in the base currency (USD), the invoice in EUR.
    const p = fx.file(
      'wrong/payments.csv',
      'reference,customer,date,amount,invoice\nP-1,MIX,2027-04-01,200.00,M-1\n',
    );
    const wrong = await importFiles(fx.deps(), { paths: [p], actor: IMPORT_ACTOR });
    expect(wrong.ok && wrong.value.status).toBe('rejected');
    if (!wrong.ok) return;
    expect(wrong.value.files[0]?.errors.shown[0]).toEqual({
      row: 2,
      column: 'invoice',
      value: 'M-1',
      reason:
        'invoice "M-1" is in EUR but this payment is in USD: a payment pays an invoice in its own currency. ' +
        "Import the amount applied to the invoice, in EUR, with currency EUR (as the ERP books it), or leave invoice empty to pay the customer's oldest open USD invoices",
    });
    expect(await openOf()).toEqual({ 'M-1': '1000.00', 'M-2': '500.00', 'M-3': '300.00' });
  });

  it('pays a named invoice in its currency, and the oldest open invoices in the payment’s currency', async () => {
    const p = fx.file(
      'pay/payments.csv',
      [
        'reference,customer,date,amount,invoice,currency',
        'P-2,MIX,2027-04-01,400.00,M-1,EUR',
        // €700: the rest of M-1 (€600), then €100 of M-3; the USD invoice M-2 is not touched.
        'P-3,MIX,2027-04-02,700.00,,EUR',
        // No currency: the base (USD), so M-2.
        'P-4,MIX,2027-04-03,500.00,,',
        '',
      ].join('\n'),
    );
    await fx.importWritten(p);
    expect(await openOf()).toEqual({ 'M-1': '0.00', 'M-2': '0.00', 'M-3': '200.00' });
  });

  it('leaves a payment in a currency no open invoice is in unapplied', async () => {
    const p = fx.file(
      'gbp/payments.csv',
      'reference,customer,date,amount,currency\nP-5,MIX,2027-04-04,50.00,GBP\n',
    );
    await fx.importWritten(p);
    expect(await openOf()).toEqual({ 'M-1': '0.00', 'M-2': '0.00', 'M-3': '200.00' });
    const [applied] = await fx
      .store()
      .sql.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM payment_applications a JOIN payments p ON p.id = a.payment_id WHERE p.reference = 'P-5'",
      );
    expect(applied?.n).toBe(0);
  });
});
