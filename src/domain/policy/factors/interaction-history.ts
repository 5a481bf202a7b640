// Interaction history: broken promises, open disputes, unanswered calls, how long since anyone
// spoke to the customer, and a callback the customer asked for.
import { daysFrom } from '../days.ts';
import { monthName, plural, shortDate } from '../words.ts';
import { type Factor, none, round1 } from './factor.ts';

export const brokenPromisesFactor: Factor = (account, { asOf, policy }) => {
  const { brokenCount, firstBrokenOn } = account.promises;
  if (brokenCount <= 0) return none('broken_promises');
  const w = policy.weights;
  const since = firstBrokenOn ? ` since ${monthName(firstBrokenOn, asOf)}` : '';
  return {
    factor: 'broken_promises',
    points: round1(Math.min(w.brokenPromiseCap, w.brokenPromise * brokenCount)),
    reason: `${plural(brokenCount, 'broken promise')}${since}`,
  };
};

export const disputesFactor: Factor = (account, { policy }) => {
  const { openCount, reasons, invoices } = account.disputes;
  if (openCount <= 0) return none('disputes');
  const what = reasons[0] ? `: ${reasons[0]}` : '';
  const on = invoices.length ? ` on ${invoices.slice(0, 2).join(', ')}` : '';
  return {
    factor: 'disputes',
    points: round1(policy.weights.openDispute * openCount),
    reason: `${plural(openCount, 'open dispute')}${on}${what}`,
  };
};

export const unansweredCallsFactor: Factor = (account, { policy }) => {
  const { unansweredStreak, unansweredSince } = account.interactions;
  if (unansweredStreak <= 0) return none('unanswered_calls');
  const w = policy.weights;
  const since = unansweredSince ? ` since ${shortDate(unansweredSince)}` : '';
  const inARow = unansweredStreak > 1 ? ' in a row' : '';
  return {
    factor: 'unanswered_calls',
    points: round1(Math.min(w.unansweredCap, w.unansweredCall * unansweredStreak)),
    reason: `${plural(unansweredStreak, 'unanswered call')}${inARow}${since}`,
  };
};

export const contactGapFactor: Factor = (account, { asOf, policy }) => {
  if (account.overdueCents <= 0) return none('contact_gap');
  const w = policy.weights;
  const last = account.interactions.lastTouchOn;
  if (last === null) return { factor: 'contact_gap', points: w.contactGapCap, reason: 'never contacted' };
  const days = daysFrom(last, asOf);
  const beyond = days - policy.thresholds.contactGapDays;
  if (beyond <= 0) return none('contact_gap');
  return {
    factor: 'contact_gap',
    points: round1(Math.min(w.contactGapCap, w.contactGap * beyond)),
    reason: `no contact in ${days} days`,
  };
};

export const callbackDueFactor: Factor = (account, { asOf, policy }) => {
  const { callbackOn, callbackAskedOn } = account.interactions;
  if (callbackOn === null || callbackOn > asOf) return none('callback_due');
  const asked = callbackAskedOn ? ` (asked on ${shortDate(callbackAskedOn)})` : '';
  return {
    factor: 'callback_due',
    points: policy.weights.callbackDue,
    reason:
      callbackOn === asOf
        ? `callback promised for today${asked}`
        : `callback was due ${shortDate(callbackOn)}${asked}`,
  };
};
