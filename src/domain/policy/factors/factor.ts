// A score factor: a pure function of one account on one day that returns its points and, when it
// contributes, a short sentence with the numbers behind them.
import type { IsoDate } from '../../calendar.ts';
import type { MoneyDisplay } from '../../money-text.ts';
import type { AccountInputs } from '../account-inputs.ts';
import type { PolicySettings } from '../policy-settings.ts';

export type FactorName =
  | 'balance'
  | 'pay_speed'
  | 'pay_trend'
  | 'pay_variance'
  | 'order_volume'
  | 'broken_promises'
  | 'disputes'
  | 'unanswered_calls'
  | 'contact_gap'
  | 'callback_due'
  | 'general_risk'
  | 'specific_risk'
  | 'margin';

export interface FactorResult {
  factor: FactorName;
  points: number;
  /** Null when the factor adds nothing worth saying. */
  reason: string | null;
}

export interface FactorContext {
  asOf: IsoDate;
  policy: PolicySettings;
  /** The company's base currency and locale: the reasons' amounts are base money. */
  display: MoneyDisplay;
}

export type Factor = (account: AccountInputs, ctx: FactorContext) => FactorResult;

export const none = (factor: FactorName): FactorResult => ({ factor, points: 0, reason: null });

/** Points rounded to one decimal so scores print and compare stably. */
export const round1 = (n: number): number => Math.round(n * 10) / 10;
