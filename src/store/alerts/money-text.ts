// Money leaves SQL as decimal text (exact) and becomes integer cents here.
import { centsFromDecimal } from '../../domain/money.ts';

export const cents = (text: string | null | undefined): number => (text ? centsFromDecimal(text) : 0);
/** A comma-separated list of amounts (string_agg), as cents. */
export const centsList = (text: string | null): number[] =>
  text ? text.split(',').map(centsFromDecimal) : [];
