// The lateness model's settings: what "late" means to the company (L), and the model's few
// parameters. Defaults work with no fit; `callsheet policy fit` tunes the four marked "fitted" on
// the company's own history.
import { z } from 'zod';

export const latenessSchema = z
  .object({
    /** An invoice is late when it is paid more than this many days past due, or never. */
    lateDays: z.number().int().min(1).max(365).default(30),
    /** Fitted. Pseudo-invoices of the peer prior in a customer's estimate: 4 = a customer with 4 recent invoices is half its own, half its peers'. */
    shrinkage: z.number().min(0).max(1000).default(4),
    /** Fitted. The least spread (standard deviation, days) assumed around each past payment: a short or very regular history never becomes a certainty. */
    spreadFloorDays: z.number().min(0.5).max(60).default(4),
    /** Fitted. How much of a customer's trend (getting slower or faster over the year) is projected to today: 0 = none, 1 = all. */
    trendWeight: z.number().min(0).max(2).default(0.5),
    /** Fitted. The least p of any invoice: the chance a customer stops paying whatever its history says. */
    surpriseRate: z.number().min(0).max(0.5).default(0.01),
    /** Typical ways of paying learned each day from the customers' years (0 = none: a customer's prior is its segment's alone). */
    payClasses: z.number().int().min(0).max(12).default(4),
    /** Pseudo-invoices of the wider segment in a narrower one (terms → industry → region). */
    peerShrinkage: z.number().min(0).max(10_000).default(20),
    /** A past invoice weighs half as much after this many days. */
    halfLifeDays: z.number().int().min(7).max(3650).default(180),
    /** Pseudo-promises of the company's kept rate in a customer's own. */
    promisePrior: z.number().min(0).max(1000).default(2),
  })
  .prefault({});

export type LatenessSettings = z.output<typeof latenessSchema>;

/** The parameters `policy fit` tunes; the rest are fixed policy. */
export const FITTED = ['shrinkage', 'spreadFloorDays', 'trendWeight', 'surpriseRate'] as const;
export type FittedParameter = (typeof FITTED)[number];
