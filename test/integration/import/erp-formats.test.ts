// Files as real ERPs and credit agencies write them: `|` delimiters, letter risk ratings (on the
// company's scale), two-digit founding years and dates that spell the month in the import locale.
import { describe, expect, it } from 'vitest';
import { changeSetting } from '../../../src/app/business-settings.ts';
import { importStore } from '../../support/import-store.ts';

const fx = importStore({ examples: true });
const who = { actor: 'tester', source: 'cli' };

async function customer(code: string) {
  const [row] = await fx
    .store()
    .sql.query<{ risk_rating: number | null; established_on: string | null; first_order_on: string | null }>(
      'SELECT risk_rating, established_on::text, first_order_on::text FROM customers WHERE code = $1',
      [code],
    );
  return row;
}

describe('an ERP customers file', () => {
  it('reads | delimiters, letter ratings, two-digit years and month names', async () => {
    const p = fx.file(
      'customers.csv',
      [
        'code|name|risk_rating|established_on|first_order_on',
        'ERP1|Erp One|B|85|3 Mar 2026',
        'ERP2|Erp Two|d+|1999|March 4, 2026',
        'ERP3|Erp Two|4|07|2026-03-05',
      ].join('\n'),
    );
    await fx.importWritten(p);
    expect(await customer('ERP1')).toEqual({
      risk_rating: 2,
      established_on: '1985-01-01',
      first_order_on: '2026-03-03',
    });
    expect(await customer('ERP2')).toMatchObject({ risk_rating: 4, first_order_on: '2026-03-04' });
    expect(await customer('ERP3')).toMatchObject({ risk_rating: 4, established_on: '2007-01-01' });
  });

  it('follows the company scale for scores, and the import locale for month names', async () => {
    await changeSetting(fx.store().sql, 'import.riskScale.numbers', 'score', who);
    await changeSetting(fx.store().sql, 'import.locale', 'de-DE', who);
    await changeSetting(fx.store().sql, 'import.twoDigitYears.futureYears', '0', who);
    try {
      const p = fx.file(
        'customers.csv',
        'code;name;risk_rating;established_on;first_order_on;credit_limit\nERP4;Erp Vier;85;30;3. März 2026;1.500,00\n',
      );
      await fx.importWritten(p);
      // A score of 85 with high scores safe: rating 1. Year 30 at most 0 years ahead of 2027: 1930.
      expect(await customer('ERP4')).toEqual({
        risk_rating: 1,
        established_on: '1930-01-01',
        first_order_on: '2026-03-03',
      });
    } finally {
      await fx.store().sql.exec(`DELETE FROM settings WHERE key = 'import'`);
    }
  });

  it('refuses a grade list that cannot be used, and changes nothing', async () => {
    await expect(
      changeSetting(fx.store().sql, 'import.riskScale.grades', '["A","B","A"]', who),
    ).rejects.toThrow(/grade A is listed twice/);
    await expect(changeSetting(fx.store().sql, 'import.locale', 'xx-nope-nope', who)).rejects.toThrow(
      /a locale such as en-US/,
    );
  });
});
