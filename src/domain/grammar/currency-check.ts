// A currency said with an amount must be the account's: promises, plans and claimed payments are
// recorded in the account currency, so '€5k' on a dollar account would otherwise become $5,000.
import { customerLabel } from './format.ts';
import type { GrammarError, LogcallIntent } from './intent.ts';

const WHAT: Partial<Record<LogcallIntent['outcome'], string>> = {
  promised: 'a promise from',
  plan: 'a payment plan with',
  paid: 'a payment from',
};

/** Null when no currency was said or it can mean the account's; else the refusal, naming both. */
export function currencyMismatch(intent: LogcallIntent, accountCurrency: string): GrammarError | null {
  const said = intent.currency;
  if (!said || said.codes.includes(accountCurrency)) return null;
  const what = WHAT[intent.outcome] ?? 'an amount for';
  return {
    code: 'currency_mismatch',
    message:
      `'${said.typed}' is in ${said.codes[0]}, but ${what} ${customerLabel(intent.customer)} is recorded in ${accountCurrency}, ` +
      `its account's currency. Nothing was recorded: convert the amount to ${accountCurrency} and log it again ` +
      `without a currency (or with ${accountCurrency}).`,
  };
}
