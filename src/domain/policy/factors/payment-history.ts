// Payment history: how late the customer pays against its terms and its own usual pattern, whether
// it is getting slower, and how erratic it is.
import { type Factor, none, round1 } from './factor.ts';

export const paySpeedFactor: Factor = (account, { policy }) => {
  const { yearAvgDays, recentAvgDays } = account.payments;
  if (yearAvgDays === null) return none('pay_speed');
  const w = policy.weights;
  const vsTerms = Math.max(0, yearAvgDays - account.termsDays);
  const expected = account.expectedDaysToPay;
  const vsExpected = expected !== null && recentAvgDays !== null ? Math.max(0, recentAvgDays - expected) : 0;
  const points = round1(
    Math.min(w.paySpeedCap, w.paySlowVsTerms * vsTerms + w.paySlowVsExpected * vsExpected),
  );
  if (points <= 0) return none('pay_speed');
  const reason =
    vsExpected >= 3 && expected !== null
      ? `pays in ${Math.round(recentAvgDays ?? 0)} days lately vs its usual ${expected}`
      : `pays in ${Math.round(yearAvgDays)} days on average vs ${account.termsDays}-day terms`;
  return { factor: 'pay_speed', points, reason };
};

export const payTrendFactor: Factor = (account, { policy }) => {
  const { recentAvgDays, priorAvgDays } = account.payments;
  if (recentAvgDays === null || priorAvgDays === null) return none('pay_trend');
  const slower = recentAvgDays - priorAvgDays;
  if (slower < policy.thresholds.payTrendDays) return none('pay_trend');
  return {
    factor: 'pay_trend',
    points: round1(Math.min(policy.weights.payTrendCap, policy.weights.payTrend * slower)),
    reason: `pays ${Math.round(slower)} days slower than 6 months ago`,
  };
};

export const payVarianceFactor: Factor = (account, { policy }) => {
  const sd = account.payments.yearStddevDays;
  if (sd === null || account.payments.yearCount < 3 || sd < policy.thresholds.payVarianceDays)
    return none('pay_variance');
  return {
    factor: 'pay_variance',
    points: round1(Math.min(policy.weights.payVarianceCap, policy.weights.payVariance * sd)),
    reason: `erratic payer: days-to-pay varies by ±${Math.round(sd)} days`,
  };
};
