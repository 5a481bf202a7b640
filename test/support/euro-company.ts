// A company that counts in euros and writes numbers the German way (base EUR, locale de-DE), for
// tests that check money is written as people there read it: '12.400,00 €', not '$12,400.00'.
import { changeSetting } from '../../src/app/business-settings.ts';
import type { SqlConn } from '../../src/store/sql.ts';

/** The space Intl puts between a German amount and its currency sign. */
export const NBSP = '\u00a0';

const WHO = { actor: 'tester', source: 'cli' };

/** Sets the company's base currency to EUR and its locale to de-DE. */
export async function makeEuroCompany(sql: SqlConn): Promise<void> {
  await changeSetting(sql, 'company.baseCurrency', 'EUR', WHO);
  await changeSetting(sql, 'company.locale', 'de-DE', WHO);
}
