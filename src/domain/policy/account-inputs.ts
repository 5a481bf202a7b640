// What the engine knows about one customer on one day: the per-customer aggregates the store
// computes in SQL, as of that day. Plain data, no store types.
import type { IsoDate } from '../calendar.ts';
import type { Cents } from '../money.ts';
import type { OpenInvoice } from './lateness/assess-lateness.ts';
import { NO_HISTORY, type PayHistory } from './lateness/pay-history.ts';

/** Overdue money in one segment of the collectability curve (see collectability.ts). */
export interface OverdueSegment {
  cents: Cents;
  /** Σ open cents × days past due over the segment's invoices (for exact interpolation). */
  centsDays: number;
}

export interface AccountInputs {
  customerId: number;
  code: string;
  name: string;
  collectorId: number | null;
  pinned: boolean;
  industry: string | null;
  region: string | null;
  /** 1 (lowest risk) to 5 (highest). */
  riskRating: number | null;
  establishedOn: IsoDate | null;
  firstOrderOn: IsoDate | null;
  termsDays: number;
  expectedDaysToPay: number | null;
  /** Gross margin in percent (e.g. 12.5). */
  marginPct: number | null;

  openCents: Cents;
  overdueCents: Cents;
  /** Overdue cents per collectability segment, in the order of CURVE_BREAKS (+ the tail). */
  overdueSegments: OverdueSegment[];
  /** Due date of the oldest overdue invoice. */
  oldestDueDate: IsoDate | null;
  /** Earliest due date among open invoices not yet due. */
  nextDueDate: IsoDate | null;
  /** Open cents falling due within the pre-due window from nextDueDate on. */
  nextDueCents: Cents;
  overdueInvoices: string[];
  /** Every invoice open on the day: days past due and open cents, oldest due first. */
  open: OpenInvoice[];
  /** The year of settled invoices the lateness model learns from. */
  history: PayHistory;

  payments: {
    /** Average days from invoice to payment, invoices closed in the last 6 months. */
    recentAvgDays: number | null;
    recentCount: number;
    /** The same for invoices closed 6–12 months ago. */
    priorAvgDays: number | null;
    priorCount: number;
    /** Over the last 12 months. */
    yearAvgDays: number | null;
    yearStddevDays: number | null;
    yearCount: number;
    /** Average days-to-pay per month, oldest first (12 months; null = nothing paid that month). */
    monthlyAvgDays: (number | null)[];
  };
  orders: { last90Cents: Cents; last90Count: number };
  interactions: {
    lastTouchOn: IsoDate | null;
    /** Unanswered calls (no answer, voicemail) since someone last answered. */
    unansweredStreak: number;
    unansweredSince: IsoDate | null;
    /** The callback date asked for in the latest callback, if nothing was logged after it. */
    callbackOn: IsoDate | null;
    callbackAskedOn: IsoDate | null;
  };
  promises: {
    /** Broken promises that fell due within the policy's window before the day. */
    brokenCount: number;
    firstBrokenOn: IsoDate | null;
    lastBrokenOn: IsoDate | null;
    /** The earliest promise not yet due on the day (it holds dunning letters until then). */
    pendingOn: IsoDate | null;
    pendingCents: Cents;
    dueTodayCount: number;
    /** Promises judged in the last year (due before the day less the grace): kept, broken. */
    kept: number;
    broken: number;
  };
  disputes: { openCount: number; reasons: string[]; invoices: string[] };
}

/** No calls on record (shared and frozen: a day reads tens of thousands of accounts, most without). */
export const NO_INTERACTIONS: AccountInputs['interactions'] = Object.freeze({
  lastTouchOn: null,
  unansweredStreak: 0,
  unansweredSince: null,
  callbackOn: null,
  callbackAskedOn: null,
});

/** No promises on record (shared and frozen, as above). */
export const NO_PROMISES: AccountInputs['promises'] = Object.freeze({
  brokenCount: 0,
  firstBrokenOn: null,
  lastBrokenOn: null,
  pendingOn: null,
  pendingCents: 0,
  dueTodayCount: 0,
  kept: 0,
  broken: 0,
});

/** A blank account, for tests and builders: nothing open, nothing known. */
export function emptyAccount(code: string, overrides: Partial<AccountInputs> = {}): AccountInputs {
  return {
    customerId: 0,
    code,
    name: code,
    collectorId: null,
    pinned: false,
    industry: null,
    region: null,
    riskRating: null,
    establishedOn: null,
    firstOrderOn: null,
    termsDays: 30,
    expectedDaysToPay: null,
    marginPct: null,
    openCents: 0,
    overdueCents: 0,
    overdueSegments: [],
    oldestDueDate: null,
    nextDueDate: null,
    nextDueCents: 0,
    overdueInvoices: [],
    open: [],
    history: NO_HISTORY,
    payments: {
      recentAvgDays: null,
      recentCount: 0,
      priorAvgDays: null,
      priorCount: 0,
      yearAvgDays: null,
      yearStddevDays: null,
      yearCount: 0,
      monthlyAvgDays: [],
    },
    orders: { last90Cents: 0, last90Count: 0 },
    interactions: { ...NO_INTERACTIONS },
    promises: { ...NO_PROMISES },
    disputes: { openCount: 0, reasons: [], invoices: [] },
    ...overrides,
  };
}
