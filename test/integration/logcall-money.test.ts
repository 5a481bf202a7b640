// `logcall` in a company counting in euros with German number formats: the reply writes each
// amount in the account's own currency the way people there read it ('5.000,00 €', '2.500,00 $'),
// and a currency typed with the amount must be that account currency or nothing is recorded.
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/app/commands/run-command.ts';
import type { Reply } from '../../src/app/reply.ts';
import { makeEuroCompany, NBSP } from '../support/euro-company.ts';
import { importStore } from '../support/import-store.ts';

const fx = importStore();

const countOf = async (table: 'interactions' | 'promises') => {
  const [row] = await fx.store().sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return row!.n;
};

let keys = 0;
const run = (text: string): Promise<Reply> =>
  runCommand(fx.deps(), {
    command: 'callsheet',
    text,
    user: { platform: 'console', id: 'ana' },
    idempotencyKey: `logcall-money-${++keys}`,
  });

describe('logcall in a company with base EUR and locale de-DE', () => {
  it('answers with amounts in the account currency, German style', async () => {
    await makeEuroCompany(fx.store().sql);
    fx.file('c/collectors.csv', 'code,name,time_zone,daily_capacity\nana,Ana Ruiz,Europe/Berlin,10\n');
    fx.file(
      'c/customers.csv',
      [
        'code,name,industry,region,terms_days,collector',
        'KRUPP,Krupp Teile AG,Manufacturing,Europe,30,ana',
        'YANK,Yankee Supply Inc.,Manufacturing,Northeast,30,ana',
        '',
      ].join('\n'),
    );
    fx.file(
      'c/invoices.csv',
      [
        'number,customer,issue_date,due_date,amount,open_amount,currency',
        'K-1,KRUPP,2027-03-07,2027-04-06,40000.00,40000.00,EUR',
        'U-1,YANK,2027-03-10,2027-04-09,3100.00,3100.00,USD',
        '',
      ].join('\n'),
    );
    await fx.importWritten(fx.path('c'));

    const krupp = await run('logcall KRUPP promised 12500.5 by 2027-06-04');
    expect(krupp.title).toBe(`Recorded: Krupp Teile AG (KRUPP) promised 12.500,50${NBSP}€ by Fri 4 Jun 2027`);
    expect(krupp.facts).toContainEqual({ label: 'Promised', value: `12.500,50${NBSP}€` });

    const yank = await run('logcall YANK plan 2500 in 2 monthly from 2027-06-01');
    expect(yank.title).toContain(`agreed a payment plan: 2.500,00${NBSP}$ in 2 monthly instalments`);
    expect(yank.table?.rows.map((r) => r[2])).toEqual([`1.250,00${NBSP}$`, `1.250,00${NBSP}$`]);
  });

  it('takes a currency typed with the amount when it is the account currency', async () => {
    const euro = await run('logcall KRUPP promised €5k by 2027-06-04');
    expect(euro.title).toBe(`Recorded: Krupp Teile AG (KRUPP) promised 5.000,00${NBSP}€ by Fri 4 Jun 2027`);
    const code = await run('logcall KRUPP promised 5000 EUR by 2027-06-04');
    expect(code.tone).toBe('ok');
    // A bare '$' is a dollar: the dollar account's own.
    const dollar = await run('logcall YANK promised $5k by 2027-06-04');
    expect(dollar.title).toContain(`promised 5.000,00${NBSP}$ by`);
  });

  it('refuses a currency other than the account’s, names both and records nothing', async () => {
    const [interactions, promises] = [await countOf('interactions'), await countOf('promises')];
    const dollars = await run('logcall KRUPP promised $5k by 2027-06-04');
    expect(dollars.tone).toBe('error');
    expect(dollars.title).toBe(
      "'$5k' is in USD, but a promise from Krupp Teile AG (KRUPP) is recorded in EUR, its account's currency. " +
        'Nothing was recorded: convert the amount to EUR and log it again without a currency (or with EUR).',
    );
    const euros = await run('logcall YANK paid 5000 EUR ref 8812');
    expect(euros.title).toMatch(
      /^'5000 EUR' is in EUR, but a payment from Yankee Supply Inc\. \(YANK\) is recorded in USD/,
    );
    const plan = await run('logcall YANK plan EUR 15k in 3 monthly from 2027-06-01');
    expect(plan.title).toContain('convert the amount to USD');
    expect([await countOf('interactions'), await countOf('promises')]).toEqual([interactions, promises]);
  });
});
