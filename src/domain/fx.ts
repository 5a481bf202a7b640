// Exchange rates into the company's base currency. A rate is an exact decimal (text such as
// '1.0825': base units per unit of the currency), never a binary float; cents convert with
// integer arithmetic and round half away from zero to the cent — the same rule as Postgres's
// round(numeric, 2), which converts in SQL. The rate in effect on a day is the latest dated on
// or before it; none is a missing rate, named with its currency and day, never a silent 1:1.
import type { IsoDate } from './calendar.ts';
import type { Cents } from './money.ts';

/** The most decimal places a rate keeps (NUMERIC(20,10)). */
export const RATE_PLACES = 10;

const RATE = /^(\d{1,10})(?:\.(\d{1,10}))?$/;

/** '1.0825' → 1.0825 × 10^10 as a bigint; undefined for anything not a positive plain decimal. */
export function scaledRate(rate: string): bigint | undefined {
  const m = RATE.exec(rate.trim());
  if (!m) return undefined;
  const scaled = BigInt(m[1]!) * 10n ** BigInt(RATE_PLACES) + BigInt((m[2] ?? '').padEnd(RATE_PLACES, '0'));
  return scaled > 0n ? scaled : undefined;
}

/** Cents × rate, rounded half away from zero to the cent. */
export function convertCents(cents: Cents, rate: string): Cents {
  const scaled = scaledRate(rate);
  if (scaled === undefined) throw new RangeError(`not an exchange rate: ${JSON.stringify(rate)}`);
  const unit = 10n ** BigInt(RATE_PLACES);
  const product = BigInt(cents) * scaled;
  const abs = product < 0n ? -product : product;
  const rounded = (abs + unit / 2n) / unit;
  const out = Number(product < 0n ? -rounded : rounded);
  if (!Number.isSafeInteger(out)) throw new RangeError(`converted amount out of range: ${cents} × ${rate}`);
  return out;
}

export interface MissingRate {
  currency: string;
  day: IsoDate;
}

/** "no EUR rate on or before 2027-05-28 (base USD); import fx_rates with one" */
export function missingRateText(m: MissingRate, base: string): string {
  return `no ${m.currency} rate on or before ${m.day} (base currency ${base}); import an fx_rates file with a ${m.currency} rate dated ${m.day} or earlier`;
}

/** Several missing rates in one message. */
export function missingRatesText(list: readonly MissingRate[], base: string): string {
  return list.map((m) => missingRateText(m, base)).join('; ');
}

/** Rates by currency, each list sorted by date ascending. */
export type RateTable = ReadonlyMap<string, readonly { date: IsoDate; rate: string }[]>;

/** The rate in effect on `day` for `currency` ('1' for the base itself), or the missing rate. */
export function rateOn(
  rates: RateTable,
  base: string,
  currency: string,
  day: IsoDate,
): { ok: true; rate: string } | { ok: false; missing: MissingRate } {
  if (currency === base) return { ok: true, rate: '1' };
  const list = rates.get(currency) ?? [];
  let lo = 0;
  let hi = list.length;
  // The last entry dated on or before the day (binary search: lists can hold years of dailies).
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.date <= day) lo = mid + 1;
    else hi = mid;
  }
  const hit = lo > 0 ? list[lo - 1] : undefined;
  return hit ? { ok: true, rate: hit.rate } : { ok: false, missing: { currency, day } };
}

/**
 * `cents` in `from` as money in `to` on `day`, through the base currency (rounded half away from
 * zero at each step); null when a rate is missing.
 */
export function exchangeCents(
  rates: RateTable,
  base: string,
  cents: Cents,
  from: string,
  to: string,
  day: IsoDate,
): Cents | null {
  if (from === to) return cents;
  const into = rateOn(rates, base, from, day);
  if (!into.ok) return null;
  const inBase = convertCents(cents, into.rate);
  if (to === base) return inBase;
  const out = rateOn(rates, base, to, day);
  const scaled = out.ok ? scaledRate(out.rate) : undefined;
  if (scaled === undefined) return null;
  // inBase ÷ rate, with the rate scaled by 10^RATE_PLACES: multiply first, then divide once.
  const numerator = BigInt(inBase) * 10n ** BigInt(RATE_PLACES);
  const abs = numerator < 0n ? -numerator : numerator;
  const rounded = (2n * abs + scaled) / (2n * scaled);
  return Number(numerator < 0n ? -rounded : rounded);
}
