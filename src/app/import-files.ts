// `importFiles`: imports ERP export files as one transaction. Every file is streamed, validated,
// checked and upserted; then the import is written only if nothing was rejected (or the caller
// allowed skipping invalid rows) and it is not a dry run — otherwise it is rolled back whole.
import { isLocale } from '../domain/locale.ts';
import type { Result } from '../domain/result.ts';
import { quoted } from '../domain/safe-text.ts';
import { ENTITIES, type Entity } from '../ingest/entities.ts';
import { parseColumnMap } from '../ingest/header.ts';
import { analyzeLedger, beginImport, recordImport } from '../ingest/import-transaction.ts';
import { type FileResult, loadFile } from '../ingest/load-file.ts';
import { checkDateFormat } from '../ingest/parse-date.ts';
import { planFiles } from '../ingest/plan-files.ts';
import { LEDGER_TABLES } from '../store/ledger-tables.ts';
import { markSequences } from '../store/sequence-marks.ts';
import { readSettings } from '../store/settings.ts';
import type { Actor, AppDeps } from './deps.ts';
import { IMPORT_SETTINGS } from './import-settings.ts';

export interface ImportRequest {
  paths: readonly string[];
  entity?: Entity | undefined;
  dryRun?: boolean | undefined;
  skipInvalid?: boolean | undefined;
  /** `their_header=our_column` pairs. */
  map?: readonly string[] | undefined;
  dateFormat?: string | undefined;
  locale?: string | undefined;
  delimiter?: string | undefined;
  actor: Actor;
  /** Staged rows from which a file counts as a bulk load (tests lower it). */
  bulkRows?: number | undefined;
  /** Whether an empty invoices table may be loaded without staging (default true; tests compare). */
  initialLoad?: boolean | undefined;
}

export interface ImportProgress {
  file: string;
  fileIndex: number;
  files: number;
  rows: number;
  bytesRead: number;
  size: number;
}

export interface ImportReport {
  /** written: committed; rejected: rolled back because of errors; dry_run: rolled back on purpose. */
  status: 'written' | 'rejected' | 'dry_run';
  files: FileResult[];
  seconds: number;
}

export type ImportError = {
  code: 'not_found' | 'unknown_entity' | 'no_files' | 'bad_option';
  message: string;
};

export type ImportResult = Result<ImportReport, ImportError>;

class Rollback extends Error {}

function checkOptions(request: ImportRequest): ImportError | null {
  const bad = (message: string): ImportError => ({ code: 'bad_option', message });
  if (request.entity && !ENTITIES.includes(request.entity))
    return bad(`--entity must be one of ${ENTITIES.join(', ')} (got ${request.entity})`);
  if (request.delimiter !== undefined && ![',', ';', '\t', '|', 'tab'].includes(request.delimiter))
    return bad(`--delimiter must be , ; | or tab (got ${quoted(request.delimiter)})`);
  if (request.dateFormat) {
    const problem = checkDateFormat(request.dateFormat);
    if (problem) return bad(problem);
  }
  if (request.locale && !isLocale(request.locale))
    return bad(`--locale must be a locale such as en-US or de-DE (got ${request.locale})`);
  return null;
}

export async function importFiles(
  deps: AppDeps,
  request: ImportRequest,
  onProgress?: (progress: ImportProgress) => void,
): Promise<ImportResult> {
  const started = performance.now();
  const optionError = checkOptions(request);
  if (optionError) return { ok: false, error: optionError };
  const map = parseColumnMap(request.map ?? []);
  if (!map.ok) return { ok: false, error: { code: 'bad_option', message: map.error } };
  const plan = await planFiles(request.paths, request.entity);
  if (!plan.ok) return { ok: false, error: plan.error };
  const settings = await readSettings(deps.store.sql, IMPORT_SETTINGS);
  const latestYear = deps.now().getUTCFullYear() + settings.twoDigitYears.futureYears;
  const files: FileResult[] = [];
  const blocked = () => files.some((f) => f.fileError || (!request.skipInvalid && f.rejected > 0));
  try {
    await deps.store.sql.transaction(async (tx) => {
      await beginImport(tx);
      // A dry run or a refused import writes nothing, ids included.
      const sequences = await markSequences(tx, LEDGER_TABLES);
      for (const [i, file] of plan.files.entries()) {
        files.push(
          await loadFile(tx, file, i + 1, {
            map: map.map,
            delimiter: request.delimiter === 'tab' ? '\t' : request.delimiter,
            locale: request.locale ?? settings.locale,
            dateFormat: request.dateFormat,
            riskScale: settings.riskScale,
            latestYear,
            actor: request.actor.code,
            bulkRows: request.bulkRows,
            initialLoad: request.initialLoad,
            onProgress: (rows, bytesRead, size) =>
              onProgress?.({
                file: file.path,
                fileIndex: i,
                files: plan.files.length,
                rows,
                bytesRead,
                size,
              }),
          }),
        );
      }
      if (blocked() || request.dryRun) {
        await sequences.restore();
        throw new Rollback();
      }
      await recordImport(tx, {
        at: deps.now(),
        who: { actor: request.actor.code, source: request.actor.source },
        entities: [...new Set(files.map((f) => f.entity))].join(','),
        data: {
          skipInvalid: Boolean(request.skipInvalid),
          files: files.map(({ file, entity, rows, inserted, updated, unchanged, rejected }) => ({
            file,
            entity,
            rows,
            inserted,
            updated,
            unchanged,
            rejected,
          })),
        },
      });
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
  // PGlite has no autovacuum to notice a bulk change: without fresh statistics the engine's plans
  // can be orders of magnitude off. (PostgreSQL's autovacuum analyzes changed tables by itself.)
  if (!blocked() && !request.dryRun && deps.store.backend === 'pglite') await analyzeLedger(deps.store.sql);
  return {
    ok: true,
    value: {
      status: blocked() ? 'rejected' : request.dryRun ? 'dry_run' : 'written',
      files,
      seconds: (performance.now() - started) / 1000,
    },
  };
}
