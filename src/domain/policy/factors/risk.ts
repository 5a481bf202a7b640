// General risk (the credit team's industry/region rating), specific risk (a young business or a
// new customer) and profit margin (low-margin accounts first: carrying cost eats their profit).
import { daysFrom } from '../days.ts';
import { type Factor, none, round1 } from './factor.ts';

export const generalRiskFactor: Factor = (account, { policy }) => {
  const rating = account.riskRating;
  if (rating === null || rating <= 1) return none('general_risk');
  const where = [account.industry, account.region].filter(Boolean).join(', ');
  return {
    factor: 'general_risk',
    points: round1(policy.weights.riskRating * (Math.min(5, rating) - 1)),
    reason: `risk rating ${rating}/5${where ? ` (${where})` : ''}`,
  };
};

export const specificRiskFactor: Factor = (account, { asOf, policy }) => {
  const w = policy.weights;
  const t = policy.thresholds;
  const parts: { points: number; reason: string }[] = [];
  if (account.firstOrderOn && account.firstOrderOn <= asOf) {
    const days = daysFrom(account.firstOrderOn, asOf);
    if (days <= t.newCustomerDays)
      parts.push({ points: w.newCustomer, reason: `new customer: first order ${days} days ago` });
  }
  if (account.establishedOn && account.establishedOn <= asOf) {
    const years = daysFrom(account.establishedOn, asOf) / 365.25;
    if (years < t.youngBusinessYears)
      parts.push({ points: w.youngBusiness, reason: `in business only ${years.toFixed(1)} years` });
  }
  if (!parts.length) return none('specific_risk');
  return {
    factor: 'specific_risk',
    points: round1(parts.reduce((sum, p) => sum + p.points, 0)),
    reason: parts.map((p) => p.reason).join('; '),
  };
};

export const marginFactor: Factor = (account, { policy }) => {
  const margin = account.marginPct;
  const low = policy.thresholds.lowMarginPct;
  if (margin === null || low <= 0 || margin >= low || account.overdueCents <= 0) return none('margin');
  return {
    factor: 'margin',
    points: round1((policy.weights.lowMargin * (low - Math.max(0, margin))) / low),
    reason: `low margin ${margin.toFixed(1)}%: carrying cost eats the profit`,
  };
};
