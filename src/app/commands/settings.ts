// Business settings of the command core, stored in `settings` under 'commands'.
import { z } from 'zod';
import { defineSettings } from '../../store/settings.ts';

export const commandSettings = defineSettings(
  'commands',
  z.object({
    /** How 5/6 reads: May 6 (MDY) or 5 June (DMY). */
    dateOrder: z.enum(['MDY', 'DMY']).default('MDY'),
    /** Promises further out than this ask the collector to confirm. */
    promiseHorizonDays: z.number().int().min(1).max(3650).default(90),
    /** Days after a promise's date that its payment may still arrive and count as kept. */
    promiseGraceDays: z.number().int().min(0).max(60).default(3),
    /** How long after a change `undo` may still reverse it. */
    undoMinutes: z.number().int().min(1).max(1440).default(15),
  }),
);

export type CommandSettings = (typeof commandSettings)['defaults'];
