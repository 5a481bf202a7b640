// The team summary's shared sentences, in plain text, for the console, Slack and Teams views.
import type { ManagerSummary } from '../app/sheet-model.ts';
import { baseText } from '../app/sheet-money.ts';
import { plural } from '../domain/policy/words.ts';

const share = (part: number, whole: number) => `${whole ? Math.round((part / whole) * 100) : 100}%`;

/** The coverage line every team view leads with: expected late dollars first, overdue money second. */
export function coverageText(summary: ManagerSummary): string {
  const c = summary.coverage;
  const dollars = (cents: number) => baseText(cents, summary.display, 'whole');
  return (
    `sheets hold ${share(c.coveredExpectedLateCents, c.expectedLateCents)} of the ${dollars(c.expectedLateCents)} expected to be paid more than ${summary.lateDays} days late, ` +
    `and ${share(c.coveredCents, c.overdueCents)} of ${dollars(c.overdueCents)} overdue`
  );
}

/** One line for the agency queue's total, or null when it is empty. */
export function agencyLine(summary: ManagerSummary): string | null {
  const a = summary.agency;
  if (!a.customers) return null;
  return `agency queue: ${plural(a.customers, 'account')}, ${baseText(a.cents, summary.display, 'whole')} at the agency step (refer or write off; not on call capacity)`;
}
