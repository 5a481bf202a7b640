// Overdue balance weighted by age: the overdue money plus the part the collectability curve says
// is likely lost. Older money weighs more, so more overdue (in amount or in days) never scores less.

import { centsAtRisk } from '../collectability.ts';
import { daysFrom } from '../days.ts';
import { wholeMoney } from '../words.ts';
import { type Factor, none, round1 } from './factor.ts';

export const balanceFactor: Factor = (account, { asOf, policy, display }) => {
  if (account.overdueCents <= 0) return none('balance');
  const atRisk = centsAtRisk(account.overdueSegments);
  const weightedThousands = (account.overdueCents + atRisk) / 100_000;
  const points = round1(policy.weights.balance * Math.log2(1 + weightedThousands));
  const oldest = account.oldestDueDate ? daysFrom(account.oldestDueDate, asOf) : 0;
  const over90 = account.overdueSegments.slice(1).reduce((sum, seg) => sum + seg.cents, 0);
  const tail = over90 > 0 ? `; ${wholeMoney(over90, display)} of it over 90 days` : '';
  return {
    factor: 'balance',
    points,
    reason: `${wholeMoney(account.overdueCents, display)} overdue, oldest ${oldest} days past due${tail}`,
  };
};
