// Candidate customers for the grammar. Only those sharing the reference's first letter are
// loaded (a 50k-customer book stays fast); an unknown reference is retried against everyone so
// "did you mean" can still find a typo in the first letter.
import { type CustomerCandidate, matchCustomer } from '../../domain/grammar/customers.ts';
import { customerLabel } from '../../domain/grammar/format.ts';
import { leadingQuoted, normalizeName } from '../../domain/grammar/text.ts';
import { customerCandidates } from '../../store/customers.ts';
import type { SqlConn } from '../../store/sql.ts';

export function firstLetter(text: string): string {
  const quoted = leadingQuoted(text);
  const name = normalizeName(quoted ? quoted.quoted : text);
  return name.slice(0, 1);
}

/**
 * Runs `attempt` on the customers that share the text's first letter, and again on all of them
 * when it reports the customer unknown.
 */
export async function withCandidates<T>(
  conn: SqlConn,
  text: string,
  attempt: (candidates: CustomerCandidate[]) => T,
  isUnknown: (result: T) => boolean,
): Promise<T> {
  const letter = firstLetter(text);
  const first = attempt(await customerCandidates(conn, letter || null));
  if (!letter || !isUnknown(first)) return first;
  return attempt(await customerCandidates(conn, null));
}

export type FoundCustomer =
  | { ok: true; customer: CustomerCandidate }
  | { ok: false; title: string; choices: CustomerCandidate[]; ambiguous: boolean };

/** A customer named on its own (account, assign, hold): unique, or a choice list. */
export async function findCustomer(conn: SqlConn, ref: string): Promise<FoundCustomer> {
  const quoted = leadingQuoted(ref);
  const wanted = (quoted ? quoted.quoted : ref).trim();
  if (!wanted)
    return { ok: false, title: 'Say which customer, by code or name.', choices: [], ambiguous: false };
  const match = await withCandidates(
    conn,
    wanted,
    (candidates) => matchCustomer(wanted, candidates),
    (m) => m.kind === 'unknown',
  );
  if (match.kind === 'match') return { ok: true, customer: match.customer };
  if (match.kind === 'ambiguous')
    return {
      ok: false,
      title: `'${wanted}' matches several customers — which one?`,
      choices: match.choices,
      ambiguous: true,
    };
  const guess = match.suggestions[0];
  return {
    ok: false,
    title: `no customer matches '${wanted}'${guess ? ` — did you mean ${customerLabel(guess)}?` : ''}`,
    choices: match.suggestions,
    ambiguous: false,
  };
}
