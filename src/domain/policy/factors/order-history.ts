// Order history: a customer that keeps buying gives leverage (it needs the supply) and keeps
// adding exposure, so recent volume raises the priority.
import { wholeMoney } from '../words.ts';
import { type Factor, none, round1 } from './factor.ts';

export const orderVolumeFactor: Factor = (account, { policy, display }) => {
  const { last90Cents, last90Count } = account.orders;
  if (last90Cents <= 0 || account.overdueCents <= 0) return none('order_volume');
  const w = policy.weights;
  const points = round1(Math.min(w.orderVolumeCap, w.orderVolume * Math.log2(1 + last90Cents / 1_000_000)));
  if (points <= 0) return none('order_volume');
  return {
    factor: 'order_volume',
    points,
    reason: `ordered ${wholeMoney(last90Cents, display)} in the last 90 days (${last90Count} orders): leverage`,
  };
};
