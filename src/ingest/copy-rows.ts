// Reads one import file and yields its good rows as COPY text, in batches large enough that the
// COPY stream's per-chunk overhead vanishes; rejected rows go to the error report as they come.
// The caller's COPY pulls the batches, so parsing here overlaps with the server storing the last.
import type { RowError } from './check-rows.ts';
import { CopyBuffer } from './copy-buffer.ts';
import type { Entity } from './entities.ts';
import type { ErrorReport } from './error-report.ts';
import type { ColumnMap } from './header.ts';
import type { InputFile } from './open-input.ts';
import { ImportFileError, readRows } from './read-rows.ts';
import type { CellValue, RowParser } from './row-schema.ts';

/**
 * Writes a good row to `out` as a COPY text row, or returns why it is refused after all (e.g. an
 * unknown reference) without writing anything.
 */
export type RowEncoder = (row: number, values: readonly CellValue[], out: CopyBuffer) => RowError | null;

export interface RowTally {
  /** Data rows read (blank lines not counted). */
  rows: number;
  rejected: number;
  /** Why the whole file was refused (empty, missing columns, broken quoting…). */
  fileError?: string;
  ignoredColumns: string[];
  /** Canonical columns present in the file. */
  present: Set<string>;
}

export interface CopyRowsOptions {
  entity: Entity;
  map: ColumnMap;
  delimiter?: string | undefined;
  onProgress?: ((rows: number, bytesRead: number, size: number) => void) | undefined;
}

const BATCH_BYTES = 256 * 1024;

export function copyRows(
  input: InputFile,
  parser: RowParser,
  encode: RowEncoder,
  report: ErrorReport,
  options: CopyRowsOptions,
): { tally: RowTally; lines: AsyncGenerator<Buffer> } {
  const tally: RowTally = { rows: 0, rejected: 0, ignoredColumns: [], present: new Set() };
  async function* lines(): AsyncGenerator<Buffer> {
    const out = new CopyBuffer(BATCH_BYTES + 64 * 1024);
    try {
      const source = readRows(input, {
        entity: options.entity,
        map: options.map,
        delimiter: options.delimiter,
        onColumns: (columns) => {
          for (const c of columns) tally.present.add(c);
        },
        onIgnored: (headers) => {
          tally.ignoredColumns = headers;
        },
      });
      for await (const batch of source) {
        for (const r of batch) {
          tally.rows++;
          if ('error' in r) {
            tally.rejected++;
            await report.add({ row: r.row, column: r.column, value: r.value, reason: r.error });
            continue;
          }
          const issues = parser.parse(r.cells);
          const refused = issues ? null : encode(r.row, parser.values, out);
          if (!issues && !refused) continue;
          tally.rejected++;
          if (refused) await report.add(refused);
          for (const issue of issues ?? []) await report.add({ row: r.row, ...issue });
        }
        options.onProgress?.(tally.rows, input.bytesRead(), input.size);
        if (out.length >= BATCH_BYTES) yield out.take();
      }
    } catch (err) {
      // Ending the stream normally keeps the COPY (and so the transaction) usable for the report.
      if (!(err instanceof ImportFileError)) throw err;
      tally.fileError = err.message;
      await report.add({ row: err.row ?? 1, column: '', value: '', reason: err.message });
    }
    if (out.length) yield out.take();
  }
  return { tally, lines: lines() };
}
