// Which customer a collector means: by code, name, quoted name or unique prefix, ignoring case,
// accents and punctuation. Never a guess: several matches give a choice list, none gives the
// closest names by edit distance.
import { editDistance } from './edit-distance.ts';
import { compactCode, normalizeName } from './text.ts';

export interface CustomerCandidate {
  id: number;
  code: string;
  name: string;
}

export type CustomerMatch =
  | { kind: 'match'; customer: CustomerCandidate /** by whole code or name, not a prefix */; exact: boolean }
  | { kind: 'ambiguous'; choices: CustomerCandidate[] }
  | { kind: 'unknown'; suggestions: CustomerCandidate[] };

/** How many choices a reply offers at most. */
export const MAX_CHOICES = 5;

const byName = (a: CustomerCandidate, b: CustomerCandidate) =>
  a.name.localeCompare(b.name) || a.code.localeCompare(b.code);

/** Normalised forms, computed once per candidate object (a parse tries several references). */
const forms = new WeakMap<CustomerCandidate, { code: string; name: string; nameCompact: string }>();
function formOf(c: CustomerCandidate) {
  let f = forms.get(c);
  if (!f) {
    const name = normalizeName(c.name);
    f = { code: compactCode(c.code), name, nameCompact: name.replace(/ /g, '') };
    forms.set(c, f);
  }
  return f;
}

export function matchCustomer(
  ref: string,
  candidates: readonly CustomerCandidate[],
  options: { suggest?: boolean } = {},
): CustomerMatch {
  const name = normalizeName(ref);
  const code = compactCode(ref);
  if (code === '') return { kind: 'unknown', suggestions: [] };

  const exactCode = candidates.filter((c) => formOf(c).code === code);
  if (exactCode.length === 1) return { kind: 'match', customer: exactCode[0]!, exact: true };

  const exactName = candidates.filter((c) => formOf(c).name === name);
  const exact = unique([...exactCode, ...exactName]);
  if (exact.length === 1) return { kind: 'match', customer: exact[0]!, exact: true };
  if (exact.length > 1) return { kind: 'ambiguous', choices: exact.sort(byName).slice(0, MAX_CHOICES) };

  const prefixed = candidates.filter((c) => {
    const f = formOf(c);
    return f.code.startsWith(code) || f.name.startsWith(name) || f.nameCompact.startsWith(code);
  });
  if (prefixed.length === 1) return { kind: 'match', customer: prefixed[0]!, exact: false };
  if (prefixed.length > 1) return { kind: 'ambiguous', choices: prefixed.sort(byName).slice(0, MAX_CHOICES) };

  return { kind: 'unknown', suggestions: options.suggest === false ? [] : closest(name, code, candidates) };
}

function unique(list: CustomerCandidate[]): CustomerCandidate[] {
  return [...new Map(list.map((c) => [c.id, c])).values()];
}

/** The nearest few by edit distance to the code, the name or the name's first words. */
export function closest(
  name: string,
  code: string,
  candidates: readonly CustomerCandidate[],
  limit = 3,
): CustomerCandidate[] {
  const max = Math.max(2, Math.floor(code.length / 3));
  const words = name.split(' ').length;
  const scored: { c: CustomerCandidate; d: number }[] = [];
  for (const c of candidates) {
    const f = formOf(c);
    const n = f.name;
    const head = n.split(' ').slice(0, words).join(' ');
    const d = Math.min(
      editDistance(code, f.code, max),
      editDistance(name, n, max),
      editDistance(name, head, max),
    );
    if (d <= max) scored.push({ c, d });
  }
  return scored
    .sort((a, b) => a.d - b.d || byName(a.c, b.c))
    .slice(0, limit)
    .map((s) => s.c);
}
