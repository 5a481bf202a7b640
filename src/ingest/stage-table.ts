// The staging table an import file is COPY-loaded into before set-based checks and upserts: one
// temporary table per file, typed like the validated rows, plus the row number for error reports.
import type { SqlConn } from '../store/sql.ts';
import type { CopyBuffer } from './copy-buffer.ts';
import type { RowEncoder } from './copy-rows.ts';
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

/** How one validated value of a field is written as COPY text (null as \\N). */
export function copyValue(kind: FieldKind): (out: CopyBuffer, value: CellValue) => void {
  const scaled = kind === 'money' || kind === 'percent';
  return (out, value) => {
    if (value === null) out.nul();
    else if (typeof value === 'boolean') out.text(value ? 't' : 'f');
    else if (typeof value === 'number') scaled ? out.cents(value) : out.int(value);
    else out.text(value);
  };
}

/** Writes validated rows (values in field order) as COPY text rows of the staging table. */
export function copyEncoder(spec: EntitySpec): RowEncoder {
  const encoders = spec.fields.map((f) => copyValue(f.kind));
  return (row, values, out) => {
    out.int(row);
    for (let i = 0; i < encoders.length; i++) {
      out.tab();
      encoders[i]!(out, values[i]!);
    }
    out.newline();
    return null;
  };
}
