// One person's call sheet for today, or null when they have none: a manager carries no accounts,
// and the engine refuses a code that holds no sheet (a UserError), which here is an answer, not a
// failure.
import { UserError } from '../shared/errors.ts';
import { buildCallSheets } from './build-call-sheets.ts';
import type { AppDeps } from './deps.ts';
import type { CallSheet } from './sheet-model.ts';

export async function collectorSheet(deps: AppDeps, collectorCode: string): Promise<CallSheet | null> {
  try {
    const set = await buildCallSheets(deps, { collectorCode });
    const code = collectorCode.toLowerCase();
    return set.sheets.find((s) => s.collector.code.toLowerCase() === code) ?? null;
  } catch (err) {
    if (err instanceof UserError) return null;
    throw err;
  }
}
