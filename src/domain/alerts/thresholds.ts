// The alert thresholds, with the defaults a collections team starts from. Stored per company in the
// `alerts` settings group; money in whole dollars for people to edit, converted to cents on use.
import { z } from 'zod';

export const alertThresholdsSchema = z.object({
  /** Orders placed in the last N days are checked for the order alerts. */
  recentOrderDays: z.number().int().min(1).max(90).default(7),
  newCustomer: z
    .object({
      /** A customer whose first order is at most this many days old is "new". */
      maxAgeDays: z.number().int().min(1).default(90),
      /** The order must be at least this large (dollars)… */
      floorDollars: z.number().min(0).default(25_000),
      /** …and at least k times the median first order of comparable customers. */
      k: z.number().min(1).default(3),
      /** Comparable = same industry and region when that group has this many customers, else everyone. */
      minPeers: z.number().int().min(1).default(5),
    })
    .prefault({}),
  unusualOrder: z
    .object({
      /** Above median + z × MAD of the customer's orders in the last 12 months. */
      z: z.number().min(1).default(5),
      /** …and at least this many times the median: a volatile buyer's spread is not news. */
      minRatio: z.number().min(1).default(3),
      minAmountDollars: z.number().min(0).default(10_000),
      /** Fewer past orders than this is too little history to call anything unusual. */
      minHistory: z.number().int().min(2).default(6),
    })
    .prefault({}),
  slowingPayments: z
    .object({
      /** Top customers: the smallest set covering this share of the last 12 months' sales. */
      topCoveragePct: z.number().min(1).max(100).default(80),
      /** Payments (invoices closed) in the last N days form the recent window… */
      recentDays: z.number().int().min(14).default(90),
      /** …compared with the customer's own baseline over the 12 months before it. */
      baselineDays: z.number().int().min(30).default(365),
      minDaysSlower: z.number().min(0).default(10),
      minPctSlower: z.number().min(0).default(25),
      /** At least this many invoices in each window (monthly buyers have about 3 a quarter). */
      minPayments: z.number().int().min(1).default(2),
    })
    .prefault({}),
  /** A promise still open this many days after its date without covering payments is broken. */
  promiseGraceDays: z.number().int().min(0).default(3),
  /** Only broken promises due in the last N days alert (older ones are history). */
  promiseLookbackDays: z.number().int().min(1).default(60),
  /** Exposure may exceed the limit by this share before it alerts (the usual allowed overage). */
  creditTolerancePct: z.number().min(0).default(5),
  /** Over the credit limit by at least this share is critical rather than a warning. */
  creditCriticalPct: z.number().min(0).default(20),
  /**
   * Of one scan's new alerts, the most urgent this many are posted one by one; the rest are counted
   * in one message (a first import can find thousands).
   */
  postPerScan: z.number().int().min(1).default(20),
});

export type AlertThresholds = z.output<typeof alertThresholdsSchema>;
