// Turns an import file into batches of rows of text cells in the order of the entity's fields,
// whatever the format. File-level problems (empty file, missing columns, broken quoting) are thrown as
// ImportFileError; row-level ones travel with the row.

import { restoreFormula } from '../domain/formula-cells.ts';
import { unstorableText } from '../domain/safe-text.ts';
import { AppError } from '../shared/errors.ts';
import { CsvSyntaxError, csvRecords } from './csv-reader.ts';
import { type Entity, SPECS } from './entities.ts';
import { type ColumnMap, checkHeader, headerResolver } from './header.ts';
import { type JsonRecord, JsonSyntaxError, jsonArrayRecords, ndjsonRecords } from './json-reader.ts';
import { formatFromName, formatFromText, type InputFile, type InputFormat } from './open-input.ts';
import type { Cells } from './row-schema.ts';

const APOSTROPHE = 39;

export class ImportFileError extends AppError {
  constructor(
    message: string,
    readonly row?: number,
  ) {
    super('import_file', message);
  }
}

export type SourceRow =
  | { row: number; cells: Cells }
  | { row: number; column: string; value: string; error: string };

export interface ReadOptions {
  entity: Entity;
  map: ColumnMap;
  delimiter?: string | undefined;
  /** Columns present in the file that are not the entity's (reported once). */
  onIgnored?: (headers: string[]) => void;
  /** Canonical columns present in the file, as they are found. */
  onColumns?: (columns: string[]) => void;
}

/** Peeks at the first chunk to pick the format, then re-yields it. */
async function* withFormat(input: InputFile, found: (format: InputFormat) => void): AsyncGenerator<string> {
  let first = true;
  for await (const chunk of input.text()) {
    if (first) {
      if (!chunk.trim()) continue;
      found(formatFromName(input.path) ?? formatFromText(chunk));
      first = false;
    }
    yield chunk;
  }
  if (first) throw new ImportFileError('the file is empty: expected a header row, then one row per record');
}

export async function* readRows(input: InputFile, options: ReadOptions): AsyncGenerator<SourceRow[]> {
  let format: InputFormat = 'csv';
  const text = withFormat(input, (f) => {
    format = f;
  });
  const first = await text.next().catch((err: unknown) => {
    throw unreadable(err, input) ?? err;
  });
  if (first.done) return;
  async function* all(): AsyncGenerator<string> {
    yield first.value as string;
    yield* text;
  }
  try {
    if (format === 'csv') yield* csvRows(all(), options);
    else yield* jsonRows(format === 'json' ? jsonArrayRecords(all()) : ndjsonRecords(all()), options);
  } catch (err) {
    if (err instanceof CsvSyntaxError || err instanceof JsonSyntaxError)
      throw new ImportFileError(`row ${err.row}: ${err.message}`, err.row);
    throw unreadable(err, input) ?? err;
  }
}

/** A file that cannot be read to the end (a cut or corrupt gzip, a read error) refuses the file. */
function unreadable(err: unknown, input: InputFile): ImportFileError | null {
  const code = (err as NodeJS.ErrnoException | null)?.code ?? '';
  const message = err instanceof Error ? err.message : String(err);
  if (input.gzipped && code.startsWith('Z_'))
    return new ImportFileError(
      `the gzip data is cut short or corrupt (${message}): copy or export the file again, and check it with gzip -t`,
    );
  if (code === 'EIO' || code === 'EISDIR' || code === 'EACCES')
    return new ImportFileError(`the file cannot be read (${message})`);
  return null;
}

/** For each field of the entity, its position in the record (-1: not in the file). */
function fieldPositions(entity: Entity, columns: readonly (string | null)[]): number[] {
  return SPECS[entity].fields.map((f) => columns.indexOf(f.name));
}

async function* csvRows(text: AsyncGenerator<string>, options: ReadOptions): AsyncGenerator<SourceRow[]> {
  let columns: (string | null)[] | null = null;
  let positions: number[] = [];
  // A header in field order (our own exports, most ERP templates) lets a record be its own cells.
  let inOrder = false;
  let row = 0;
  for await (const records of csvRecords(text, options.delimiter)) {
    const out: SourceRow[] = [];
    for (const record of records) {
      row++;
      if (!columns) {
        const check = checkHeader(options.entity, record, headerResolver(options.entity, options.map));
        if (!check.ok) throw new ImportFileError(check.error, 1);
        columns = check.value.columns;
        positions = fieldPositions(options.entity, columns);
        inOrder = columns.length <= positions.length && columns.every((_, i) => positions[i] === i);
        if (check.value.ignored.length) options.onIgnored?.(check.value.ignored);
        options.onColumns?.(columns.filter((c): c is string => c !== null));
        continue;
      }
      if (record.length === 1 && record[0] === '') continue; // a blank line
      for (let i = 0; i < record.length; i++) {
        // Our CSV writers put an apostrophe before formula-like cells; it is not part of the value.
        if (record[i]!.charCodeAt(0) === APOSTROPHE) record[i] = restoreFormula(record[i]!);
      }
      if (record.length > columns.length && record.slice(columns.length).some((v) => v.trim())) {
        out.push({
          row,
          column: '',
          value: record.slice(columns.length).join(','),
          error: `has ${record.length} fields but the header has ${columns.length}; quote values that contain the delimiter`,
        });
        continue;
      }
      if (inOrder && record.length <= columns.length) {
        out.push({ row, cells: record });
        continue;
      }
      out.push({ row, cells: positions.map((p) => (p < 0 ? undefined : record[p])) });
    }
    if (out.length) yield out;
  }
  if (!columns)
    throw new ImportFileError('the file is empty: expected a header row, then one row per record');
}

async function* jsonRows(
  records: AsyncGenerator<JsonRecord[]>,
  options: ReadOptions,
): AsyncGenerator<SourceRow[]> {
  const resolve = headerResolver(options.entity, options.map);
  const fieldIndex = new Map(SPECS[options.entity].fields.map((f, i) => [f.name, i]));
  const cache = new Map<string, string | null>();
  const ignored = new Set<string>();
  let checked = false;
  for await (const batch of records) {
    const out: SourceRow[] = [];
    for (const record of batch) {
      if ('error' in record) {
        out.push({ row: record.row, column: '', value: '', error: record.error });
        continue;
      }
      const value = record.value;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        out.push({
          row: record.row,
          column: '',
          value: JSON.stringify(value),
          error: 'must be a JSON object',
        });
        continue;
      }
      const keys = Object.keys(value);
      if (!checked) {
        // The first object stands for the header: a file of another entity is refused whole.
        const check = checkHeader(options.entity, keys, resolve);
        if (!check.ok) throw new ImportFileError(check.error, record.row);
        checked = true;
      }
      const cells: (string | undefined)[] = [];
      let bad: SourceRow | null = null;
      for (const key of keys) {
        let column = cache.get(key);
        if (column === undefined) {
          column = resolve(key);
          cache.set(key, column);
          if (column) options.onColumns?.([column]);
          else ignored.add(key);
        }
        if (!column) continue;
        const cell = (value as Record<string, unknown>)[key];
        if (cell === null || cell === undefined) continue;
        if (typeof cell === 'object') {
          bad = {
            row: record.row,
            column,
            value: JSON.stringify(cell),
            error: 'must be a plain value, not an object or a list',
          };
          break;
        }
        const text = String(cell);
        const unstorable = unstorableText(text);
        if (unstorable) {
          bad = { row: record.row, column, value: text, error: unstorable };
          break;
        }
        cells[fieldIndex.get(column)!] = text;
      }
      out.push(bad ?? { row: record.row, cells });
    }
    if (out.length) yield out;
  }
  if (ignored.size) options.onIgnored?.([...ignored]);
}
