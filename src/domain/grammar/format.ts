// Words for replies and error messages, shared by the grammar and the command core.
import { format } from 'date-fns';
import type { IsoDate } from '../calendar.ts';
import type { CustomerCandidate } from './customers.ts';

/** '2027-05-30' → 'Sun 30 May 2027'. */
export function formatDay(date: IsoDate): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return format(new Date(y, m - 1, d), 'EEE d MMM yyyy');
}

/** 'Acme Corp (ACME)'. */
export const customerLabel = (c: Pick<CustomerCandidate, 'code' | 'name'>) => `${c.name} (${c.code})`;

/** A customer reference that the grammar reads back as exactly this customer. */
export const customerRefFor = (c: Pick<CustomerCandidate, 'code'>) =>
  /^[\p{L}\p{N}_.&-]+$/u.test(c.code) ? c.code : `"${c.code.replace(/"/g, '')}"`;
