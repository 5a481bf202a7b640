// Amounts as collectors type them: 5000, $5,000, 5k, 5.5k, 1.2m, 4,000.50, €5k, 5000 EUR, USD 5000 —
// always to integer cents, never through a binary float. A currency said with the amount is kept
// (as the currencies it can mean) so the command can check it against the account's.
import type { Cents } from '../money.ts';
import type { Token } from './text.ts';

/** Decimal(14,2) in the store: at most 999,999,999,999.99. */
export const MAX_CENTS = 99_999_999_999_999;

/** A currency said with an amount: the amount as typed, and the ISO codes it can mean (the one it names first). */
export interface SaidCurrency {
  typed: string;
  codes: readonly string[];
}

export interface SaidAmount {
  cents: Cents;
  currency: SaidCurrency | null;
  /** Tokens read (2 when the currency is a word of its own: `5000 EUR`, `€ 5000`). */
  used: number;
}

// [symbol or code] digits [.fraction] [k|m|mm] [symbol, code or word] — on a lower-cased token.
const AMOUNT =
  /^(?:([a-z]{0,3}\p{Sc})|([a-z]{3}))?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(k|mm|m)?(\p{Sc}|dollars?|euros?|[a-z]{3})?$/u;

/** Codes common enough to be read as a currency when typed as a word in lower case (none is an English word). */
const COMMON_CODES = new Set(
  'usd eur gbp chf cad aud nzd jpy cny hkd sgd inr sek nok dkk pln czk huf mxn brl zar'.split(' '),
);

let marks: Map<string, readonly string[]> | undefined;

/**
 * What each currency mark means, lower-cased: ISO codes; symbols as English writes them ('€', 'ca$',
 * 'a$'); and a bare symbol also means every currency that writes it as its narrow symbol, so '$'
 * is USD first, then CAD, AUD… (a dollar account takes '$5k' as its own dollars).
 */
function currencyMarks(): Map<string, readonly string[]> {
  if (marks) return marks;
  const m = new Map<string, string[]>();
  const add = (mark: string, code: string) => {
    const codes = m.get(mark);
    if (!codes) m.set(mark, [code]);
    else if (!codes.includes(code)) codes.push(code);
  };
  const symbol = (code: string, display: 'symbol' | 'narrowSymbol') =>
    new Intl.NumberFormat('en-US', { style: 'currency', currency: code, currencyDisplay: display })
      .formatToParts(0)
      .find((p) => p.type === 'currency')!
      .value.toLowerCase();
  const codes = Intl.supportedValuesOf('currency');
  for (const code of codes) add(code.toLowerCase(), code);
  for (const code of codes) {
    const s = symbol(code, 'symbol');
    if (s !== code.toLowerCase()) add(s, code);
  }
  for (const code of codes) {
    const s = symbol(code, 'narrowSymbol');
    if ([...s].length === 1 && /\p{Sc}/u.test(s)) add(s, code);
  }
  add('us$', 'USD');
  // Of the '$' currencies, the dollars (the pesos among them are not).
  const dollars = (m.get('$') ?? []).filter((code) => code.endsWith('D'));
  for (const word of ['dollar', 'dollars']) for (const code of dollars) add(word, code);
  for (const word of ['euro', 'euros']) add(word, 'EUR');
  marks = m;
  return m;
}

const codesOf = (mark: string | undefined): readonly string[] | null =>
  mark === undefined ? null : (currencyMarks().get(mark) ?? null);

/** A currency typed as a word of its own: a symbol, `dollars`/`euros`, or an ISO code (in capitals, or a common one). */
function currencyWord(token: Token | undefined): readonly string[] | null {
  if (!token) return null;
  const w = token.norm;
  if (/^[a-z]{3}$/.test(w) && !COMMON_CODES.has(w) && token.raw.slice(0, 3) !== w.toUpperCase()) return null;
  return codesOf(w);
}

/** One token as an amount: its cents and the currencies glued to it (null: none said). */
function glued(norm: string): { cents: Cents; codes: readonly string[] | null } | null {
  const m = AMOUNT.exec(norm);
  if (!m) return null;
  const before = m[1] ?? m[2];
  const after = m[6];
  const codesBefore = codesOf(before);
  const codesAfter = codesOf(after);
  if ((before && !codesBefore) || (after && !codesAfter)) return null;
  // '$5,000usd': both must be able to mean the same currency.
  const codes =
    codesBefore && codesAfter
      ? codesBefore.filter((c) => codesAfter.includes(c))
      : (codesBefore ?? codesAfter);
  if (codes && !codes.length) return null;
  const cents = centsOf(m[3]!, m[4] ?? '', m[5] ?? '');
  return cents === null ? null : { cents, codes };
}

function centsOf(wholeText: string, frac: string, suffix: string): Cents | null {
  const whole = wholeText.replace(/,/g, '');
  const zeros = suffix === 'k' ? 3 : suffix ? 6 : 0;
  // Digits of the amount in cents: whole, fraction padded to (zeros + 2) places.
  const places = zeros + 2;
  if (frac.length > places) return null;
  const digits = `${whole}${frac.padEnd(places, '0')}`.replace(/^0+(?=\d)/, '');
  if (digits.length > 16) return Number.POSITIVE_INFINITY;
  return Number(digits);
}

/** The amount at tokens[j] (`5k`, `€5k`, `5000 EUR`, `USD 5000`), or null when there is none. */
export function amountAt(tokens: readonly Token[], j: number): SaidAmount | null {
  const token = tokens[j];
  if (!token) return null;
  const said = (typed: string, codes: readonly string[] | null) => (codes ? { typed, codes } : null);
  const one = glued(token.norm);
  if (one) {
    const after = one.codes ? null : currencyWord(tokens[j + 1]);
    if (after)
      return { cents: one.cents, currency: said(`${token.raw} ${tokens[j + 1]!.raw}`, after), used: 2 };
    return { cents: one.cents, currency: said(token.raw, one.codes), used: 1 };
  }
  const before = currencyWord(token);
  const next = tokens[j + 1];
  const amount = before && next ? glued(next.norm) : null;
  if (!amount || amount.codes) return null;
  return { cents: amount.cents, currency: said(`${token.raw} ${next!.raw}`, before), used: 2 };
}
