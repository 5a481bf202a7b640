// Loads one import file inside the import's transaction: stream → validate → COPY into a staging
// table → set-based checks → upsert. Rejected rows go to the file's error report; what is left is
// upserted even when some rows failed, so files later in the same import are checked against
// what this one would write (the caller rolls back unless the import may be written).
import type { SqlConn } from '../store/sql.ts';
import { applyPayments, markReallocated } from './apply-payments.ts';
import { checkStagedRows } from './check-rows.ts';
import { type Entity, SPECS } from './entities.ts';
import { ErrorReport } from './error-report.ts';
import type { ColumnMap } from './header.ts';
import { openInput } from './open-input.ts';
import { ImportFileError, readRows } from './read-rows.ts';
import { type ParseOptions, parseRow, rowSchema } from './row-schema.ts';
import { copyEncoder, createStage } from './stage-table.ts';
import { upsertStaged } from './upsert-rows.ts';

export interface LoadOptions extends ParseOptions {
  map: ColumnMap;
  delimiter?: string | undefined;
  actor: string;
  onProgress?: (rows: number, bytesRead: number, size: number) => void;
}

export interface FileResult {
  file: string;
  entity: Entity;
  /** Data rows read (blank lines not counted). */
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Why the whole file was refused (empty, missing columns, broken quoting…). */
  fileError?: string;
  ignoredColumns: string[];
  errors: { count: number; shown: ErrorReport['shown']; reportPath: string };
}

export async function loadFile(
  conn: SqlConn,
  file: { path: string; entity: Entity },
  seq: number,
  options: LoadOptions,
): Promise<FileResult> {
  if (!conn.copyFrom) throw new Error('bulk loading needs a transaction connection');
  const spec = SPECS[file.entity];
  const report = new ErrorReport(file.path);
  await report.reset();
  const stage = `import_stage_${seq}`;
  const stageColumns = await createStage(conn, stage, spec);
  const schema = rowSchema(spec, options);
  const encode = copyEncoder(spec);
  const present = new Set<string>();
  let ignoredColumns: string[] = [];
  let rows = 0;
  let rejected = 0;
  let fileError: string | undefined;
  const input = await openInput(file.path);

  async function* lines(): AsyncGenerator<string> {
    try {
      const source = readRows(input, {
        entity: file.entity,
        map: options.map,
        delimiter: options.delimiter,
        onColumns: (columns) => {
          for (const c of columns) present.add(c);
        },
        onIgnored: (headers) => {
          ignoredColumns = headers;
        },
      });
      for await (const batch of source) {
        let out = '';
        for (const r of batch) {
          rows++;
          if ('error' in r) {
            rejected++;
            await report.add({ row: r.row, column: r.column, value: r.value, reason: r.error });
            continue;
          }
          const parsed = parseRow(schema, r.raw);
          if (parsed.ok) {
            out += encode(r.row, parsed.row);
            continue;
          }
          rejected++;
          for (const issue of parsed.issues) await report.add({ row: r.row, ...issue });
        }
        options.onProgress?.(rows, input.bytesRead(), input.size);
        if (out) yield out;
      }
    } catch (err) {
      // Ending the stream normally keeps the COPY (and so the transaction) usable for the report.
      if (!(err instanceof ImportFileError)) throw err;
      fileError = err.message;
      await report.add({ row: err.row ?? 1, column: '', value: '', reason: err.message });
    }
  }

  await conn.copyFrom(stage, stageColumns, lines());
  let inserted = 0;
  let updated = 0;
  if (!fileError) {
    await conn.exec(`ANALYZE "${stage}"`);
    rejected += await checkStagedRows(conn, spec, stage, (e) => report.add(e));
    if (file.entity === 'payments') {
      const changed = `import_changed_${seq}`;
      await conn.exec(`CREATE TEMP TABLE "${changed}" (id int PRIMARY KEY) ON COMMIT DROP`);
      ({ inserted, updated } = await upsertStaged(conn, file.entity, stage, present, options.actor, changed));
      updated += await markReallocated(conn, stage, changed);
      await applyPayments(conn, stage, changed, options.actor);
      await conn.exec(`DROP TABLE "${changed}"`);
    } else {
      ({ inserted, updated } = await upsertStaged(conn, file.entity, stage, present, options.actor));
    }
  }
  await conn.exec(`DROP TABLE "${stage}"`);
  await report.close();
  return {
    file: file.path,
    entity: file.entity,
    rows,
    inserted,
    updated,
    unchanged: fileError ? 0 : rows - rejected - inserted - updated,
    rejected: fileError ? rows : rejected,
    ...(fileError ? { fileError } : {}),
    ignoredColumns,
    errors: { count: report.count, shown: report.shown, reportPath: report.path },
  };
}
