// Amounts as collectors type them: 5000, $5,000, 5k, 5.5k, 1.2m, 4,000.50, USD 5000 — always to
// integer cents, never through a binary float.
import type { Cents } from '../money.ts';

const AMOUNT = /^(?:usd|us\$|\$|€|£)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(k|m|mm)?(?:usd|\$|dollars?)?$/i;

/** Decimal(14,2) in the store: at most 999,999,999,999.99. */
export const MAX_CENTS = 99_999_999_999_999;

/** The amount in `token` (already lower-cased), or null when it is not an amount. */
export function parseAmount(token: string): Cents | null {
  const m = AMOUNT.exec(token);
  if (!m) return null;
  const whole = m[1]!.replace(/,/g, '');
  const frac = m[2] ?? '';
  const suffix = (m[3] ?? '').toLowerCase();
  const zeros = suffix === 'k' ? 3 : suffix ? 6 : 0;
  // Digits of the amount in cents: whole, fraction padded to (zeros + 2) places.
  const places = zeros + 2;
  if (frac.length > places) return null;
  const digits = `${whole}${frac.padEnd(places, '0')}`.replace(/^0+(?=\d)/, '');
  if (digits.length > 16) return Number.POSITIVE_INFINITY;
  return Number(digits);
}
