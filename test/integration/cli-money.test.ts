// The console's money outside the sheets, in a two-currency company (base USD, the currencies
// fixture): `callsheet account` lists each invoice in its own currency with its base value, and the
// demo's receivables line adds up per currency with the base total.
import path from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../src/app/import-files.ts';
import { registerAccount } from '../../src/cli/account.ts';
import type { CliContext } from '../../src/cli/context.ts';
import { receivablesOn } from '../../src/store/invoices.ts';
import { IMPORT_ACTOR, importStore } from '../support/import-store.ts';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/currencies');
const fx = importStore();

async function accountText(args: string[]): Promise<string> {
  let out = '';
  const ctx: CliContext = {
    stdout: (t) => {
      out += t;
    },
    stderr: () => {},
    env: {},
    isTty: false,
    exitCode: 0,
    say: (t) => {
      out += t;
    },
    config: () => {
      throw new Error('the test store is passed in');
    },
    withStore: (fn) => fn(fx.store()),
  };
  const program = new Command('callsheet').exitOverride();
  registerAccount(program, ctx);
  await program.parseAsync(['account', ...args], { from: 'user' });
  return out;
}

describe('console money in a two-currency company', () => {
  it('lists an account’s invoices each in its own currency, with the base value beside', async () => {
    await fx.importWritten(FIXTURES);
    const text = await accountText(['MIX', '--date', '2027-05-28']);
    expect(text).toMatch(/M-1 +€1,000\.00 \(= \$1,100\.00\)/);
    expect(text).toMatch(/M-2 +\$500\.00 /);
    const json = JSON.parse(await accountText(['EURO', '--date', '2027-05-28', '--json'])) as {
      base: string;
      invoices: { currency: string; openInCurrency: string; open: string }[];
    };
    expect(json.base).toBe('USD');
    expect(json.invoices).toEqual([
      expect.objectContaining({ currency: 'EUR', openInCurrency: '12400.00', open: '13640.00' }),
    ]);
  });

  it('adds up the book per currency and in base money at the day’s rate', async () => {
    const ar = await receivablesOn(fx.store().sql, '2027-05-28', 'USD');
    // €13,400 × 1.10 beside $4,400 ($800 of it not yet due).
    expect(ar.open).toEqual({
      byCurrency: [
        { currency: 'USD', cents: 440_000 },
        { currency: 'EUR', cents: 1_340_000 },
      ],
      baseCents: 440_000 + 1_474_000,
    });
    expect(ar.overdue.baseCents).toBe(360_000 + 1_474_000);
    expect(ar.over90.baseCents).toBe(0);
    expect(ar.customers).toBe(3);
    // A currency with no rate: the per-currency amounts stand, the base total is not invented.
    fx.file('gbp/customers.csv', 'code,name,terms_days,collector\nBRIT,British Parts plc,30,ana\n');
    fx.file(
      'gbp/invoices.csv',
      'number,customer,issue_date,due_date,amount,currency\nG-1,BRIT,2027-04-01,2027-05-01,9000.00,GBP\n',
    );
    await importFiles(fx.deps(), { paths: [fx.path('gbp')], actor: IMPORT_ACTOR });
    const unpriced = await receivablesOn(fx.store().sql, '2027-05-28', 'USD');
    expect(unpriced.open.baseCents).toBeNull();
    expect(unpriced.open.byCurrency).toContainEqual({ currency: 'GBP', cents: 900_000 });
  });
});
