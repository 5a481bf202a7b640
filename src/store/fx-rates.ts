// Exchange rates in SQL: an amount in its currency becomes base money on a day with the latest
// rate dated on or before that day (the unique (currency, date) index answers it backwards, one
// probe per amount not already in base). Conversion is NUMERIC arithmetic rounded half away from
// zero to the cent (round(numeric, 2)), as convertCents does in code; no rate gives NULL, which
// callers report as a missing rate, never as 1:1.
import type { IsoDate } from '../domain/calendar.ts';
import type { MissingRate, RateTable } from '../domain/fx.ts';
import type { SqlConn } from './sql.ts';

/** A validated ISO code is safe to inline; anything else is a bug upstream. */
function currencyLiteral(code: string): string {
  if (!/^[A-Z]{3}$/.test(code)) throw new RangeError(`not an ISO currency code: ${JSON.stringify(code)}`);
  return `'${code}'`;
}

/**
 * The expressions must name their table (`i.currency`, not `currency`): inside the rate look-up a
 * bare `currency` is fx_rates' own column, and the look-up would take any currency's rate.
 */
function qualified(...columns: string[]): void {
  for (const c of columns)
    if (/^[a-z_]+$/.test(c)) throw new RangeError(`qualify ${c} with its table in a rate look-up`);
}

/** The rate of `currency` on `day` as a SQL expression (NULL when none), 1 for the base. */
export function rateSql(currency: string, day: string, base: string): string {
  qualified(currency, day);
  return `CASE WHEN ${currency} = ${currencyLiteral(base)} THEN 1::numeric ELSE (
    SELECT fx.rate FROM fx_rates fx WHERE fx.currency = ${currency} AND fx.date <= ${day}
     ORDER BY fx.date DESC LIMIT 1) END`;
}

/** `amount` (NUMERIC in `currency`) in base money on `day`, to the cent; NULL without a rate. */
export function toBaseSql(amount: string, currency: string, day: string, base: string): string {
  qualified(amount, currency, day);
  return `CASE WHEN ${currency} = ${currencyLiteral(base)} THEN ${amount} ELSE round((${amount}) * (
    SELECT fx.rate FROM fx_rates fx WHERE fx.currency = ${currency} AND fx.date <= ${day}
     ORDER BY fx.date DESC LIMIT 1), 2) END`;
}

/** Every rate dated on or before `upTo`, per currency, oldest first (for conversions in code). */
export async function readRates(conn: SqlConn, upTo: IsoDate): Promise<RateTable> {
  const rows = await conn.query<{ currency: string; date: string; rate: string }>(
    `SELECT currency, date::text AS date, rate::text AS rate FROM fx_rates
      WHERE date <= $1::date ORDER BY currency, date`,
    [upTo],
  );
  const out = new Map<string, { date: IsoDate; rate: string }[]>();
  for (const r of rows) {
    const list = out.get(r.currency) ?? [];
    list.push({ date: r.date, rate: r.rate });
    out.set(r.currency, list);
  }
  return out;
}

/** Currencies of open invoices (open today) that have no rate on or before `day`. */
export async function readMissingRates(conn: SqlConn, day: IsoDate, base: string): Promise<MissingRate[]> {
  const rows = await conn.query<{ currency: string }>(
    `SELECT DISTINCT i.currency FROM invoices i
      WHERE i.open_amount > 0 AND i.currency <> ${currencyLiteral(base)}
        AND NOT EXISTS (SELECT 1 FROM fx_rates fx WHERE fx.currency = i.currency AND fx.date <= $1::date)
      ORDER BY 1`,
    [day],
  );
  return rows.map((r) => ({ currency: r.currency.trim(), day }));
}

/**
 * Currencies (not the base) whose first invoice is dated before their first rate: the day named is
 * that first invoice's, the earliest a rate is needed for history (KPIs, backtests) to be valued.
 */
export async function readRateGaps(conn: SqlConn, base: string): Promise<MissingRate[]> {
  const rows = await conn.query<{ currency: string; day: string }>(
    `SELECT i.currency, min(i.issue_date)::text AS day FROM invoices i
      WHERE i.status <> 'void' AND i.currency <> ${currencyLiteral(base)}
      GROUP BY i.currency
     HAVING min(i.issue_date) < coalesce((SELECT min(fx.date) FROM fx_rates fx WHERE fx.currency = i.currency), 'infinity')
      ORDER BY 1`,
  );
  return rows.map((r) => ({ currency: r.currency.trim(), day: r.day }));
}
