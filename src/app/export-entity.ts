// `exportEntity`: streams one entity's rows in the canonical import columns, as CSV or NDJSON, a
// page at a time, so exporting then importing the output is a no-op and memory stays flat.
import { csvLine } from '../domain/csv-line.ts';
import { type Entity, SPECS } from '../ingest/entities.ts';
import { exportPage } from '../ingest/export-queries.ts';
import type { AppDeps } from './deps.ts';

export type ExportFormat = 'csv' | 'ndjson';

const PAGE = 5000;

export async function* exportEntity(
  deps: AppDeps,
  request: { entity: Entity; format: ExportFormat },
): AsyncGenerator<string> {
  const fields = SPECS[request.entity].fields;
  const names = fields.map((f) => f.name);
  if (request.format === 'csv') yield csvLine(names);
  const json = (row: Record<string, unknown>) => {
    const out: Record<string, string | number | boolean | null> = {};
    for (const f of fields) {
      const v = row[f.name] as string | null;
      out[f.name] =
        v === null
          ? null
          : f.kind === 'int' || f.kind === 'rating'
            ? Number(v)
            : f.kind === 'bool'
              ? v === 'true'
              : v;
    }
    return `${JSON.stringify(out)}\n`;
  };
  let after = 0;
  for (;;) {
    const rows = await exportPage(deps.store.sql, request.entity, after, PAGE);
    if (!rows.length) return;
    let out = '';
    for (const row of rows)
      out +=
        request.format === 'csv' ? csvLine(names.map((n) => (row[n] as string | null) ?? '')) : json(row);
    yield out;
    after = rows[rows.length - 1]!.id;
  }
}
