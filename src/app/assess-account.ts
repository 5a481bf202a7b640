// One customer through the lateness model, as of a day: each open invoice's probability of being
// paid more than L days late, the account's expected late dollars and the sentence that leads its
// sheet row, exactly as the day's plan assesses it.
import type { IsoDate } from '../domain/calendar.ts';
import type { Cents } from '../domain/money.ts';
import type { CurrencyAmount, MoneyDisplay } from '../domain/money-text.ts';
import { latenessReason } from '../domain/policy/explain-account.ts';
import { companyKeptRate, dayPriors, planAccount } from '../domain/policy/plan-day.ts';
import { readSettings } from '../store/settings.ts';
import { readOpenInvoicesOnDay, readSheetInputs } from '../store/sheet-inputs.ts';
import { endOfDayIn } from './build-call-sheets.ts';
import { commandSettings } from './commands/settings.ts';
import { readMoneyDisplay } from './company-settings.ts';
import type { AppDeps } from './deps.ts';
import { policySettings } from './policy-settings.ts';

export interface AccountLateness {
  asOf: IsoDate;
  /** The company's base currency (every cents figure here but `own`) and locale. */
  display: MoneyDisplay;
  lateDays: number;
  expectedLateCents: Cents;
  lateProbability: number;
  agencyCents: Cents;
  reason: string;
  invoices: {
    number: string;
    daysPastDue: number;
    /** Open on the day in base money. */
    openCents: Cents;
    /** The same in the invoice's own currency. */
    own: CurrencyAmount;
    lateProbability: number;
    agency: boolean;
  }[];
}

export async function assessAccount(
  deps: AppDeps,
  customerId: number,
  asOf: IsoDate,
  timeZone: string,
): Promise<AccountLateness | null> {
  const sql = deps.store.sql;
  const policy = await readSettings(sql, policySettings);
  const { promiseGraceDays } = await readSettings(sql, commandSettings);
  const L = policy.lateness;
  // The whole day is read: the customer's peers learn from everyone, as on the morning's sheets.
  const display = await readMoneyDisplay(sql);
  const inputs = await readSheetInputs(sql, {
    asOf,
    base: display.base,
    cutoff: endOfDayIn(asOf, timeZone),
    timeZone,
    brokenPromiseWindowDays: policy.thresholds.brokenPromiseWindowDays,
    dueSoonDays: Math.max(policy.ladder.courtesyCallDays, policy.ladder.preDueReminderDays),
    lateDays: L.lateDays,
    halfLifeDays: L.halfLifeDays,
    promiseGraceDays,
  });
  const account = inputs.accounts.find((a) => a.customerId === customerId);
  if (!account?.open.length) return null;
  const planned = planAccount(account, {
    asOf,
    policy,
    priors: dayPriors(inputs, policy),
    companyRate: companyKeptRate([inputs.promiseRecord]),
    display,
  });
  const open = await readOpenInvoicesOnDay(sql, asOf, customerId, display.base);
  const agencyDays = policy.ladder.agency;
  return {
    asOf,
    display,
    lateDays: L.lateDays,
    expectedLateCents: planned.lateness.expectedLateCents,
    lateProbability: planned.lateness.probability,
    agencyCents: planned.lateness.agencyCents,
    reason: latenessReason(account, planned.lateness, L.lateDays, planned.peers, display),
    invoices: planned.lateness.invoices.map((i) => {
      const own = open.get(i.id);
      return {
        number: own?.number ?? String(i.id),
        daysPastDue: i.dpd,
        openCents: i.cents,
        own: own ? { currency: own.currency, cents: own.cents } : { currency: display.base, cents: i.cents },
        lateProbability: i.p,
        agency: i.dpd >= agencyDays,
      };
    }),
  };
}
