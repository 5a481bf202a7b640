// The staging table an import file is COPY-loaded into before set-based checks and upserts: one
// temporary table per file, typed like the validated rows, plus the row number for error reports.
import { decimalFromCents } from '../domain/money.ts';
import type { SqlConn } from '../store/sql.ts';
import { type EntitySpec, type FieldKind, stageType } from './entities.ts';
import type { CellValue } from './row-schema.ts';

export const ROW_NO = 'row_no';

export async function createStage(conn: SqlConn, name: string, spec: EntitySpec): Promise<string[]> {
  const columns = spec.fields.map((f) => `"${f.name}" ${stageType(f.kind)}`);
  await conn.exec(
    `CREATE TEMP TABLE "${name}" (${ROW_NO} int NOT NULL, ${columns.join(', ')}) ON COMMIT DROP`,
  );
  return [ROW_NO, ...spec.fields.map((f) => f.name)];
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** A value as COPY text: backslash, tab and line breaks escaped. */
export function escapeCopy(text: string): string {
  return NEEDS_ESCAPE.test(text)
    ? text.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!)
    : text;
}

/** How one validated value of a field is written as COPY text (null as \N). */
export function copyValue(kind: FieldKind): (value: CellValue) => string {
  const scaled = kind === 'money' || kind === 'percent';
  return (value) => {
    if (value === null) return '\\N';
    if (typeof value === 'boolean') return value ? 't' : 'f';
    if (typeof value === 'number') return scaled ? decimalFromCents(value) : String(value);
    return escapeCopy(value);
  };
}

/** Encodes validated rows (values in field order) as COPY text-format lines of the staging table. */
export function copyEncoder(spec: EntitySpec): (row: number, values: readonly CellValue[]) => string {
  const encoders = spec.fields.map((f) => copyValue(f.kind));
  return (row, values) => {
    let line = String(row);
    for (let i = 0; i < encoders.length; i++) line += `\t${encoders[i]!(values[i]!)}`;
    return `${line}\n`;
  };
}
