// Business settings of the outreach (letters and e-mails), stored in `settings` under 'outreach'.
import { z } from 'zod';
import { defineSettings } from '../../store/settings.ts';

export const outreachSettings = defineSettings(
  'outreach',
  z.object({
    /** Send the morning batch after the digests without waiting for a manager's Send. */
    autoSend: z.boolean().default(false),
    /** Language of customers without one of their own (templates/outreach/<language>/). */
    defaultLanguage: z
      .string()
      .regex(/^[a-z]{2}(-[A-Za-z]{2})?$/, 'a language code such as en or fr')
      .default('en'),
    /** The company's name, under the signature. */
    company: z.string().max(200).default(''),
    /** How to pay (bank details, a payment link), quoted in every reminder. */
    paymentInstructions: z.string().max(2000).default(''),
    /** Who signs when the customer has no collector. */
    signatureName: z.string().min(1).max(200).default('Accounts receivable'),
    /** At most this many e-mails a minute (the SMTP server's limits, the sender's reputation). */
    ratePerMinute: z.number().int().min(1).max(6000).default(60),
    /** Attempts before a temporary failure (4xx, a dropped connection) counts as a failure. */
    maxAttempts: z.number().int().min(1).max(20).default(5),
    /** Wait before the first retry; each next one waits twice as long. */
    retrySeconds: z.number().min(0).max(3600).default(30),
    /** Written summaries and promise confirmations after a logged call. */
    followUps: z.boolean().default(true),
    /** Collectors (codes) who send their own follow-ups: no automatic summary after their calls. */
    followUpOptOut: z.array(z.string()).default([]),
  }),
);

export type OutreachSettings = (typeof outreachSettings)['defaults'];
