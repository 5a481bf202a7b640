// The collections policy's knobs: the lateness model that chooses whom to call, the factor weights
// behind each row's reasons, thresholds and the treatment ladder. Defaults live here, in code; a
// company overrides any of them in the `policy` settings group.
import { z } from 'zod';
import { latenessSchema } from './lateness/lateness-settings.ts';

const nonNegative = z.number().min(0);

export const policySchema = z.object({
  /** What "late" means and the parameters of the model that ranks accounts by expected late dollars. */
  lateness: latenessSchema,
  /**
   * An account ranked within the team's capacity whose collector's sheet is full goes to a colleague
   * with room (named on the row); off, it is reported as over capacity and left to the letters.
   */
  lendOverflow: z.boolean().default(true),
  /**
   * Share of each day's calls kept for late debts among the accounts the model expects late money
   * from, however small: a debt on its way to the agency gets calls before it arrives (see
   * `lateCallEveryDays`). 0 = expected late dollars alone.
   */
  oldestShare: z.number().min(0).max(0.5).default(0.05),
  /**
   * Days between the calls a late debt gets in those kept places: its first on the first sheet day
   * after it turns late (more than L days past due), then every this many days until it reaches the
   * agency step. A debt whose call is due comes before older ones; the places left go to the
   * oldest. 0 = the oldest debts only.
   */
  lateCallEveryDays: z.number().int().min(0).max(90).default(7),
  /** An account with at least this much open is "large": its steps are calls rather than letters. */
  largeAccountCents: z.number().int().min(0).default(1_000_000),
  weights: z
    .object({
      /** Points per doubling of (overdue + amount at risk) in thousands of dollars. */
      balance: nonNegative.default(10),
      /** Points per day the customer pays later than its terms, capped at paySpeedCap. */
      paySlowVsTerms: nonNegative.default(0.4),
      /** Points per day later than the customer's own expected pattern. */
      paySlowVsExpected: nonNegative.default(0.6),
      paySpeedCap: nonNegative.default(20),
      /** Points per day the last 6 months are slower than the 6 months before. */
      payTrend: nonNegative.default(1.5),
      payTrendCap: nonNegative.default(30),
      /** Points per day of standard deviation of days-to-pay. */
      payVariance: nonNegative.default(0.4),
      payVarianceCap: nonNegative.default(10),
      /** Points per doubling of the last 90 days' orders in tens of thousands (leverage, exposure). */
      orderVolume: nonNegative.default(3),
      orderVolumeCap: nonNegative.default(15),
      brokenPromise: nonNegative.default(15),
      brokenPromiseCap: nonNegative.default(45),
      openDispute: nonNegative.default(8),
      unansweredCall: nonNegative.default(4),
      unansweredCap: nonNegative.default(20),
      /** Points per day without contact beyond contactGapDays, capped. */
      contactGap: nonNegative.default(0.25),
      contactGapCap: nonNegative.default(12),
      callbackDue: nonNegative.default(30),
      /** Points per step of risk rating above 1 (1 = lowest risk, 5 = highest). */
      riskRating: nonNegative.default(3),
      newCustomer: nonNegative.default(8),
      youngBusiness: nonNegative.default(6),
      /** Points at zero margin, falling linearly to 0 at lowMarginPct. */
      lowMargin: nonNegative.default(10),
    })
    .prefault({}),
  thresholds: z
    .object({
      /** A trend counts when the last 6 months are at least this many days slower. */
      payTrendDays: nonNegative.default(7),
      /** Days-to-pay standard deviation above which a payer is "erratic". */
      payVarianceDays: nonNegative.default(10),
      /** Broken promises count when they fell due within this many days. */
      brokenPromiseWindowDays: z.number().int().min(1).default(180),
      /** A broken promise within this many days escalates the account at once. */
      brokenPromiseEscalateDays: z.number().int().min(1).default(45),
      /** This many unanswered calls in a row escalate the account at once. */
      noAnswerEscalateAfter: z.number().int().min(1).default(3),
      /** Days without contact before the gap starts to count. */
      contactGapDays: z.number().int().min(0).default(14),
      /** A customer whose first order is this recent is "new". */
      newCustomerDays: z.number().int().min(0).default(180),
      /** A business younger than this many years is a specific risk. */
      youngBusinessYears: nonNegative.default(2),
      lowMarginPct: nonNegative.default(20),
    })
    .prefault({}),
  /** The treatment ladder in days past due of the oldest overdue invoice (30-day terms: age − 30). */
  ladder: z
    .object({
      reminder1: z.number().int().min(1).default(5),
      reminder2: z.number().int().min(1).default(15),
      escalation: z.number().int().min(1).default(25),
      finalDemand: z.number().int().min(1).default(35),
      agency: z.number().int().min(1).default(50),
      /** Large accounts get a courtesy call this many days before the due date (or fewer). */
      courtesyCallDays: z.number().int().min(0).default(7),
      /** Small accounts get a service survey and reminder this many days before due (or fewer). */
      preDueReminderDays: z.number().int().min(0).default(10),
    })
    .prefault({})
    .refine(
      (l) =>
        l.reminder1 < l.reminder2 &&
        l.reminder2 < l.escalation &&
        l.escalation < l.finalDemand &&
        l.finalDemand < l.agency,
      { message: 'ladder steps must increase: reminder1 < reminder2 < escalation < finalDemand < agency' },
    ),
});

export type PolicySettings = z.output<typeof policySchema>;

export const DEFAULT_POLICY: PolicySettings = policySchema.parse({});
