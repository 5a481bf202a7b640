// Why an account is on the sheet, in numbers: the lateness model first ("$48,200 overdue; 72% likely
// to be paid more than 30 days late — 41 days late on average over its last 14 invoices"), then the
// two strongest of the named factors (payment history, orders, promises, disputes, calls, risk,
// margin). The factors no longer choose the list; they say what else a collector should know.
import type { MoneyDisplay } from '../money-text.ts';
import type { AccountInputs } from './account-inputs.ts';
import type { FactorContext } from './factors/factor.ts';
import type { LatenessAssessment } from './lateness/assess-lateness.ts';
import { scoreAccount } from './score-account.ts';
import { plural, wholeMoney } from './words.ts';

export interface Explanation {
  /** The factors' points added up: evidence strength, shown beside the model's figures. */
  score: number;
  reasons: string[];
}

const percent = (p: number): string => {
  const pct = p * 100;
  if (pct > 0 && pct < 1) return '<1%';
  if (pct < 100 && pct > 99) return '>99%';
  return `${Math.round(pct)}%`;
};

function pastPayments(account: AccountInputs, lateness: LatenessAssessment, peers: string): string {
  const { count, meanDaysLate } = account.history;
  if (!count || meanDaysLate === null)
    return `no invoice paid in the last year: the rate of its peers (${peers})`;
  const mean = Math.round(meanDaysLate);
  const how =
    mean > 0 ? `${plural(mean, 'day')} late` : mean < 0 ? `${plural(-mean, 'day')} early` : 'on time';
  const over = count === 1 ? 'its one invoice paid in the last year' : `its last ${count} invoices`;
  const share = lateness.ownShare < 0.5 ? `; mostly its peers' rate (${peers})` : '';
  return `${how} on average over ${over}${share}`;
}

/** The lateness sentence that leads every row. */
export function latenessReason(
  account: AccountInputs,
  lateness: LatenessAssessment,
  lateDays: number,
  peers: string,
  display: MoneyDisplay,
): string {
  const money =
    account.overdueCents > 0
      ? `${wholeMoney(account.overdueCents, display)} overdue`
      : `${wholeMoney(account.openCents, display)} open, none overdue`;
  const trend =
    Math.abs(lateness.trendDays) >= 5
      ? `, ${Math.round(Math.abs(lateness.trendDays))} days ${lateness.trendDays > 0 ? 'later' : 'earlier'} lately`
      : '';
  const agency =
    lateness.agencyCents > 0
      ? ` (${wholeMoney(lateness.agencyCents, display)} of it in the agency queue)`
      : '';
  return (
    `${money}${agency}; ${percent(lateness.probability)} likely to be paid more than ${lateDays} days late — ` +
    `${pastPayments(account, lateness, peers)}${trend}`
  );
}

export function explainAccount(
  account: AccountInputs,
  lateness: LatenessAssessment,
  peers: string,
  ctx: FactorContext,
  others = 2,
): Explanation {
  const scored = scoreAccount(account, ctx, Number.POSITIVE_INFINITY);
  const factorReasons = scored.factors
    .filter((f) => f.factor !== 'balance' && f.points > 0 && f.reason !== null)
    .sort((a, b) => b.points - a.points)
    .slice(0, others)
    .map((f) => f.reason as string);
  return {
    score: scored.score,
    reasons: [
      latenessReason(account, lateness, ctx.policy.lateness.lateDays, peers, ctx.display),
      ...factorReasons,
    ],
  };
}
