// Loads one import file inside the import's transaction. Usually: stream → validate → COPY into a
// staging table → set-based checks → upsert. The first load of an empty invoices table COPYs
// straight into it instead (see initial-load.ts) and falls back to the staging path when the
// file turns out to repeat a key. Rejected rows go to the file's error report; what is left is
// written even when some rows failed, so files later in the same import are checked against
// what this one would write (the caller rolls back unless the import may be written).
import type { SqlConn } from '../store/sql.ts';
import { isUniqueViolation } from '../store/sql-errors.ts';
import { applyPayments, markReallocated } from './apply-payments.ts';
import { checkStagedRows } from './check-rows.ts';
import { copyRows, type RowTally } from './copy-rows.ts';
import { type Entity, SPECS } from './entities.ts';
import { ErrorReport } from './error-report.ts';
import type { ColumnMap } from './header.ts';
import { type InitialLoad, initialLoad } from './initial-load.ts';
import { openInput } from './open-input.ts';
import { type ParseOptions, RowParser } from './row-schema.ts';
import { withoutSecondaryIndexes } from './secondary-indexes.ts';
import { copyEncoder, createStage } from './stage-table.ts';
import { type UpsertCounts, upsertStaged } from './upsert-rows.ts';

export interface LoadOptions extends ParseOptions {
  map: ColumnMap;
  delimiter?: string | undefined;
  actor: string;
  /** Staged rows from which a load counts as bulk (indexes rebuilt after); default 100,000. */
  bulkRows?: number | undefined;
  /** Whether an empty invoices table may be loaded without staging (default true; tests compare). */
  initialLoad?: boolean | undefined;
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

type File = { path: string; entity: Entity };

const SAVEPOINT = 'import_initial_load';

export async function loadFile(
  conn: SqlConn,
  file: File,
  seq: number,
  options: LoadOptions,
): Promise<FileResult> {
  const initial = options.initialLoad === false ? null : await initialLoad(conn, file.entity, options.actor);
  if (initial) {
    await conn.exec(`SAVEPOINT ${SAVEPOINT}`);
    const result = await loadInitial(conn, file, initial, options);
    // A refused file writes nothing; a repeated key is worded by the staging path's checks.
    if (!result || result.fileError) await conn.exec(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
    await conn.exec(`RELEASE SAVEPOINT ${SAVEPOINT}`);
    if (result) return result;
  }
  return loadStaged(conn, file, seq, options);
}

function fileResult(file: File, tally: RowTally, counts: UpsertCounts, report: ErrorReport): FileResult {
  const { rows, rejected, fileError, ignoredColumns } = tally;
  return {
    file: file.path,
    entity: file.entity,
    rows,
    inserted: counts.inserted,
    updated: counts.updated,
    unchanged: fileError ? 0 : rows - rejected - counts.inserted - counts.updated,
    rejected: fileError ? rows : rejected,
    ...(fileError ? { fileError } : {}),
    ignoredColumns,
    errors: { count: report.count, shown: report.shown, reportPath: report.path },
  };
}

/** Streams the file through `encode` into `table`; returns what was read and the error report. */
async function copyFile(
  conn: SqlConn,
  file: File,
  options: LoadOptions,
  target: { table: string; columns: readonly string[]; encode: Parameters<typeof copyRows>[2] },
) {
  if (!conn.copyFrom) throw new Error('bulk loading needs a transaction connection');
  const report = new ErrorReport(file.path);
  await report.reset();
  const input = await openInput(file.path);
  const { tally, lines } = copyRows(
    input,
    new RowParser(SPECS[file.entity], options),
    target.encode,
    report,
    {
      entity: file.entity,
      map: options.map,
      delimiter: options.delimiter,
      onProgress: options.onProgress,
    },
  );
  await conn.copyFrom(target.table, target.columns, lines);
  return { tally, report };
}

/** The initial load, or null when a key repeats (the caller rolls back and stages the file). */
async function loadInitial(
  conn: SqlConn,
  file: File,
  initial: InitialLoad,
  options: LoadOptions,
): Promise<FileResult | null> {
  try {
    return await withoutSecondaryIndexes(conn, initial.table, async () => {
      const { tally, report } = await copyFile(conn, file, options, initial);
      await report.close();
      if (!tally.fileError) await initial.finish();
      return fileResult(
        file,
        tally,
        { inserted: tally.fileError ? 0 : initial.written(), updated: 0 },
        report,
      );
    });
  } catch (err) {
    // The rebuilt unique index found a key twice in the file.
    if (isUniqueViolation(err)) return null;
    throw err;
  }
}

async function loadStaged(conn: SqlConn, file: File, seq: number, options: LoadOptions): Promise<FileResult> {
  const spec = SPECS[file.entity];
  const stage = `import_stage_${seq}`;
  const columns = await createStage(conn, stage, spec);
  const { tally, report } = await copyFile(conn, file, options, {
    table: stage,
    columns,
    encode: copyEncoder(spec),
  });
  let counts: UpsertCounts = { inserted: 0, updated: 0 };
  if (!tally.fileError) {
    tally.rejected += await checkStagedRows(conn, spec, stage, (e) => report.add(e));
    counts = await upsertFile(conn, file.entity, stage, seq, tally.present, options);
  }
  await conn.exec(`DROP TABLE "${stage}"`);
  await report.close();
  return fileResult(file, tally, counts, report);
}

async function upsertFile(
  conn: SqlConn,
  entity: Entity,
  stage: string,
  seq: number,
  present: ReadonlySet<string>,
  options: LoadOptions,
): Promise<UpsertCounts> {
  if (entity !== 'payments')
    return upsertStaged(conn, entity, stage, present, options.actor, { bulkRows: options.bulkRows });
  const changed = `import_changed_${seq}`;
  await conn.exec(`CREATE TEMP TABLE "${changed}" (id int PRIMARY KEY) ON COMMIT DROP`);
  const counts = await upsertStaged(conn, entity, stage, present, options.actor, {
    changedInto: changed,
    bulkRows: options.bulkRows,
  });
  counts.updated += await markReallocated(conn, stage, changed);
  await applyPayments(conn, stage, changed, options.actor);
  await conn.exec(`DROP TABLE "${changed}"`);
  return counts;
}
