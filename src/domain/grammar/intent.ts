// What a /logcall line means once parsed, and the ways it can be wrong.
import type { IsoDate } from '../calendar.ts';
import type { Cents } from '../money.ts';
import type { SaidCurrency } from './amount.ts';
import type { CustomerCandidate } from './customers.ts';
import type { LogOutcome } from './outcomes.ts';

export interface PlanInstalment {
  no: number;
  dueOn: IsoDate;
  amountCents: Cents;
}

export interface PlanIntent {
  totalCents: Cents;
  count: number;
  frequency: 'weekly' | 'monthly';
  startOn: IsoDate;
  instalments: PlanInstalment[];
}

export interface LogcallIntent {
  customer: CustomerCandidate;
  outcome: LogOutcome;
  /** Promised or claimed amount; null: promised → the overdue balance, paid → not said. */
  amountCents: Cents | null;
  /** The currency said with the amount (`€5k`, `5000 EUR`), checked against the account's by the command. */
  currency: SaidCurrency | null;
  /** Promise, callback or payment date. */
  date: IsoDate | null;
  /** Callback time of day, 'HH:MM'. */
  time: string | null;
  /** Disputed invoice numbers as typed (the store resolves them). */
  invoices: string[];
  /** Payment reference the customer gave. */
  reference: string | null;
  /** The rest of the line, exactly as typed. */
  note: string | null;
  plan: PlanIntent | null;
  /** When set, ask this question before recording (e.g. a promise beyond the horizon). */
  confirm: string | null;
}

export type GrammarErrorCode =
  | 'empty'
  | 'too_long'
  | 'unknown_customer'
  | 'ambiguous_customer'
  | 'missing_outcome'
  | 'unknown_outcome'
  | 'missing_date'
  | 'bad_date'
  | 'promise_in_past'
  | 'callback_in_past'
  | 'payment_in_future'
  | 'missing_amount'
  | 'bad_amount'
  | 'bad_plan'
  | 'missing_note'
  | 'currency_mismatch';

export interface GrammarError {
  code: GrammarErrorCode;
  /** For a person: what was wrong and how to fix it. */
  message: string;
  /** Customers to choose from (ambiguous) or that were probably meant (unknown). */
  choices?: CustomerCandidate[];
  /** The text after the customer reference, so a choice can re-run the line with a code. */
  rest?: string;
}
