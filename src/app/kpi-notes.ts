// The month-so-far KPI lines for the manager's team view (ManagerSummary.notes), in one call.
import type { IsoDate } from '../domain/calendar.ts';
import { computeKpis } from './compute-kpis.ts';
import type { AppDeps } from './deps.ts';
import { kpiHeadline } from './kpi-headline.ts';

/** Two lines for `asOf`'s month so far; none when there is nothing to report. */
export async function kpiNotes(deps: AppDeps, asOf?: IsoDate): Promise<string[]> {
  const result = await computeKpis(deps, asOf ? { today: asOf } : {});
  if (!result.ok) return [];
  const team = result.value.months[0]?.team;
  if (!team || (team.arCents === 0 && team.salesCents === 0)) return [];
  return kpiHeadline(team, result.value.settings.agingBasis);
}
