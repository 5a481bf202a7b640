// Turning chat text into tokens. Chat clients "smarten" what people type (curly quotes, en dashes,
// non-breaking spaces, full-width digits), so matching works on a normalised form while every
// token keeps its offsets into the original text: notes are stored exactly as typed.

export interface Token {
  /** Lower-cased, NFKC-normalised, smart punctuation straightened, trailing , ; : ! ? . removed. */
  norm: string;
  /** As typed. */
  raw: string;
  start: number;
  end: number;
}

const OPEN_QUOTES = '"\'“”„‟«»‘’‚‛「『〝＂';
const CLOSE_FOR: Record<string, string> = {
  '“': '”„"',
  '„': '“”"',
  '«': '»',
  '»': '«',
  '‘': "’'",
  '‚': "‘’'",
  '「': '」',
  '『': '』',
  '〝': '〞〟"',
};
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;

/** NFKC (full-width → ASCII), straight quotes and hyphens, no zero-width characters. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(ZERO_WIDTH, '')
    .replace(/[‐‑‒–—―−﹘﹣]/g, '-')
    .replace(/[“”„‟«»〝〞＂]/g, '"')
    .replace(/[‘’‚‛′]/g, "'");
}

export function tokenize(text: string, from = 0): Token[] {
  const tokens: Token[] = [];
  const re = /\S+/gu;
  re.lastIndex = from;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const norm = normalizeText(m[0])
      .toLowerCase()
      .replace(/[,;:!?.]+$/u, '');
    if (norm === '' && /^[\u200b-\u200d\u2060\ufeff]+$/u.test(m[0])) continue;
    tokens.push({ norm, raw: m[0], start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

/** A quoted customer name at the start of the text: its content and where the rest begins. */
export function leadingQuoted(text: string): { quoted: string; restStart: number } | null {
  const lead = /^\s*/u.exec(text)![0].length;
  const open = text[lead];
  if (open === undefined || !OPEN_QUOTES.includes(open)) return null;
  const closers = CLOSE_FOR[open] ?? open;
  for (let i = lead + 1; i < text.length; i++) {
    if (closers.includes(text[i]!) || (open !== "'" && text[i] === open)) {
      return { quoted: text.slice(lead + 1, i), restStart: i + 1 };
    }
  }
  return null;
}

/** For name matching: lower case, no accents, letters/digits/spaces only ("Acme, Corp." → "acme corp"). */
export function normalizeName(text: string): string {
  // Slack sends & < > as entities; a name must match however the surface passed it on.
  return normalizeText(text.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'))
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** For code matching: only letters and digits ("acme-01" → "acme01"). */
export function compactCode(text: string): string {
  return normalizeName(text).replace(/ /g, '');
}

/** What follows a parsed part, as typed, without leading separators ("- spoke to Jane" → "spoke to Jane"). */
export function restOf(text: string, from: number): string {
  return text
    .slice(from)
    .replace(/^[\s\-–—:;,.|/]+/u, '')
    .trimEnd();
}
