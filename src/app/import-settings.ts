// How ERP files are read: the `import` settings group (defaults in code, stored per company). The
// import's --locale flag overrides `locale` for one run.
import { z } from 'zod';
import { isLocale } from '../domain/locale.ts';
import { checkGrades, DEFAULT_RISK_SCALE } from '../ingest/parse-rating.ts';
import { defineSettings } from '../store/settings.ts';

export const importSchema = z.object({
  /** Decimal mark of amounts and the language of month names (`de-DE`: 1.234,56 and März). */
  locale: z.string().refine(isLocale, 'a locale such as en-US or de-DE').default('en-US'),
  riskScale: z
    .object({
      /** grades[i]: the letter grades (space-separated) that mean rating i + 1 (1 = lowest risk). */
      grades: z
        .array(z.string())
        .superRefine((grades, ctx) => {
          const problem = checkGrades(grades);
          if (problem) ctx.addIssue({ code: 'custom', message: problem });
        })
        .default([...DEFAULT_RISK_SCALE.grades]),
      /** `rating`: numbers are 1–5; `score`: numbers are 0–100 scores, cut into five bands of 20. */
      numbers: z.enum(['rating', 'score']).default('rating'),
      /** For scores: a high score means a safe customer (true, most credit scores) or a risky one. */
      highScoreIsSafe: z.boolean().default(true),
    })
    .prefault({}),
  twoDigitYears: z
    .object({
      /** A two-digit year is the one at most this many years after the current year (85 → 1985). */
      futureYears: z.number().int().min(0).max(99).default(10),
    })
    .prefault({}),
});

export type ImportSettings = z.output<typeof importSchema>;

export const IMPORT_SETTINGS = defineSettings('import', importSchema);
