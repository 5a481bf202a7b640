// An account's priority score: the sum of its named factors, with the top reasons to show.
import type { AccountInputs } from './account-inputs.ts';
import { balanceFactor } from './factors/balance.ts';
import type { Factor, FactorContext, FactorResult } from './factors/factor.ts';
import {
  brokenPromisesFactor,
  callbackDueFactor,
  contactGapFactor,
  disputesFactor,
  unansweredCallsFactor,
} from './factors/interaction-history.ts';
import { orderVolumeFactor } from './factors/order-history.ts';
import { paySpeedFactor, payTrendFactor, payVarianceFactor } from './factors/payment-history.ts';
import { generalRiskFactor, marginFactor, specificRiskFactor } from './factors/risk.ts';

export const FACTORS: readonly Factor[] = [
  balanceFactor,
  paySpeedFactor,
  payTrendFactor,
  payVarianceFactor,
  orderVolumeFactor,
  brokenPromisesFactor,
  disputesFactor,
  unansweredCallsFactor,
  contactGapFactor,
  callbackDueFactor,
  generalRiskFactor,
  specificRiskFactor,
  marginFactor,
];

export interface AccountScore {
  score: number;
  factors: FactorResult[];
  /** Reasons of the contributing factors, largest first. */
  reasons: string[];
}

export function scoreAccount(account: AccountInputs, ctx: FactorContext, maxReasons = 3): AccountScore {
  const factors = FACTORS.map((factor) => factor(account, ctx));
  const score = Math.round(factors.reduce((sum, f) => sum + f.points, 0) * 10) / 10;
  const reasons = factors
    .filter((f) => f.points > 0 && f.reason !== null)
    // The balance reason leads: it is what the collector asks for first.
    .sort((a, b) => Number(b.factor === 'balance') - Number(a.factor === 'balance') || b.points - a.points)
    .slice(0, maxReasons)
    .map((f) => f.reason as string);
  return { score, factors, reasons };
}
