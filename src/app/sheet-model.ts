// View models of the morning call sheets, built by the priority engine (buildCallSheets) and
// rendered by every surface. Money in integer cents, dates as ISO days in the collector's zone.
import type { IsoDate } from '../domain/calendar.ts';
import type { Cents } from '../domain/money.ts';
import type { CurrencyAmount, MoneyDisplay } from '../domain/money-text.ts';
import type { TreatmentStep } from '../domain/policy/treatment.ts';

export interface SheetContact {
  name: string;
  role: string;
  phone: string | null;
  email: string | null;
  preferredChannel: 'phone' | 'email' | 'sms';
}

export interface SheetAction {
  /** Treatment step, e.g. 'reminder_1', 'supervisor_escalation', 'dispute_follow_up'. */
  step: TreatmentStep;
  /** What to do, in words ("Reminder call #1, then a written summary"). */
  label: string;
  /** 'call' for the top list, 'automated' for letters/e-mails (mail-merge queue). */
  channel: 'call' | 'automated';
  /** True when a broken promise or no response moved the account up the plan. */
  escalated: boolean;
}

export interface SheetRow {
  rank: number;
  customer: { id: number; code: string; name: string };
  /** Σ open × P(paid more than L days late) over the money still with the callers: what ranks the row. */
  expectedLateCents: Cents;
  /** expectedLateCents ÷ that money (0–1). */
  lateProbability: number;
  /** The named factors' points added up: evidence beside the model, not the ranking. */
  score: number;
  /** Overdue and open money in the base currency (what totals and ranking add up). */
  overdueCents: Cents;
  openCents: Cents;
  /** The same money per currency, each in its own (base first): what the row shows. */
  balances: { currency: string; openCents: Cents; overdueCents: Cents }[];
  /** Days past due of the oldest overdue invoice (0 when nothing is overdue yet). */
  oldestDaysPastDue: number;
  invoiceNumbers: string[];
  action: SheetAction;
  contact: SheetContact | null;
  /** Top reasons as short sentences with numbers, most important first. */
  reasons: string[];
  /** A small series for a sparkline (e.g. overdue balance by month, oldest first). */
  trend: number[];
  pinned: boolean;
  /** In a place kept for late debts (`policy.oldestShare`), not ranked by its dollars. */
  reserved: boolean;
  /** The account's own collector when the row was lent to this sheet (theirs was full), else null. */
  lentFrom: string | null;
}

export interface SheetCollector {
  id: number;
  code: string;
  name: string;
  timeZone: string;
  dailyCapacity: number;
}

export interface CallSheet {
  asOf: IsoDate;
  collector: SheetCollector;
  rows: SheetRow[];
  /** The company's base currency and locale. */
  display: MoneyDisplay;
  /** Accounts left off every sheet, and why (e.g. a currency with no rate on the day). */
  refused: string[];
  summary: {
    calls: number;
    /** In the base currency, and per currency. */
    overdueCents: Cents;
    overdueByCurrency: CurrencyAmount[];
    escalations: number;
    promisesDueToday: number;
  };
}

/** An account with money at the agency step: the manager's to refer (or write off), not a call. */
export interface AgencyRow {
  customer: { id: number; code: string; name: string };
  /** Money at the agency step, and all that is open. */
  agencyCents: Cents;
  openCents: Cents;
  invoices: number;
  oldestDaysPastDue: number;
  /** 'Refer to collection agency' or 'Refer to agency or write off'. */
  label: string;
  collectorCode: string | null;
  /** True when its newer money still has it on a sheet. */
  onSheet: boolean;
}

/** The team view for the manager: every collector's load, coverage and what is over capacity. */
export interface ManagerSummary {
  asOf: IsoDate;
  /** The late threshold L of the lateness model, in days past due. */
  lateDays: number;
  coverage: {
    /** Overdue money still with the callers, and the part on today's sheets. */
    overdueCents: Cents;
    coveredCents: Cents;
    /** Expected late dollars of every account, and of those on today's sheets. */
    expectedLateCents: Cents;
    coveredExpectedLateCents: Cents;
  };
  capacity: { calls: number; capacity: number; overCapacityCustomers: number };
  /** Money at the agency step: how many accounts, how much, and the largest few. */
  agency: { customers: number; cents: Cents; largest: AgencyRow[] };
  collectors: {
    code: string;
    name: string;
    calls: number;
    /** In base, and per currency. */
    overdueCents: Cents;
    overdueByCurrency: CurrencyAmount[];
    escalations: number;
  }[];
  escalationsDue: number;
  automatedCustomers: number;
  /** Extra lines (e.g. the month's KPIs) appended by whoever builds the summary. */
  notes: string[];
  /** The company's base currency and locale (every amount above is in base). */
  display: MoneyDisplay;
}

/** An account left to letters and e-mails (the mail-merge queue), or one that did not fit a sheet. */
export interface AutomatedRow {
  customer: { id: number; code: string; name: string };
  overdueCents: Cents;
  openCents: Cents;
  oldestDaysPastDue: number;
  invoiceNumbers: string[];
  action: SheetAction;
  /** Whom to write to (the AP contact, or the manager for escalations). */
  contact: SheetContact | null;
  /** Collector code of the account, if it has one. */
  collectorCode: string | null;
  /** True when it belonged on the top list but no collector had room: managers see these. */
  overCapacity: boolean;
}

/** The model's p for one open invoice not yet late on the day (for the backtest's calibration). */
export interface InvoicePrediction {
  invoiceId: number;
  p: number;
}

/** Everything buildCallSheets returns for one morning. */
export interface SheetSet {
  asOf: IsoDate;
  sheets: CallSheet[];
  automated: AutomatedRow[];
  /** Every account with money at the agency step, largest first. */
  agency: AgencyRow[];
  /** Accounts left off every sheet, and why. */
  refused: string[];
  summary: ManagerSummary;
}
