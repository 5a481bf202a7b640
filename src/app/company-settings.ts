// The `company` settings group: the base currency every total, score, KPI, alert threshold and
// backtest is counted in (ISO 4217), and the locale numbers and dates are written in (BCP 47).
import { z } from 'zod';
import { isLocale } from '../domain/locale.ts';
import type { MoneyDisplay } from '../domain/money-text.ts';
import { defineSettings, readSettings } from '../store/settings.ts';
import type { SqlConn } from '../store/sql.ts';

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export const companySchema = z.object({
  baseCurrency: z
    .string()
    .default('USD')
    .refine((c) => CURRENCIES.has(c), 'must be an ISO 4217 currency code in capitals, such as USD or EUR'),
  locale: z
    .string()
    .default('en-US')
    .refine(isLocale, 'must be a BCP 47 language tag this system supports, such as en-US or de-DE'),
});

export const companySettings = defineSettings('company', companySchema);

/** The company's base currency and locale, as the views need them. */
export async function readMoneyDisplay(conn: SqlConn): Promise<MoneyDisplay> {
  const s = await readSettings(conn, companySettings);
  return { base: s.baseCurrency, locale: s.locale };
}
