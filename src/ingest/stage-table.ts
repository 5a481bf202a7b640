// The staging table an import file is COPY-loaded into before set-based checks and upserts: one
// temporary table per file, typed like the validated rows, plus the row number for error reports.
import { decimalFromCents } from '../domain/money.ts';
import type { SqlConn } from '../store/sql.ts';
import { type EntitySpec, stageType } from './entities.ts';
import type { TypedRow } from './row-schema.ts';

export const ROW_NO = 'row_no';

export async function createStage(conn: SqlConn, name: string, spec: EntitySpec): Promise<string[]> {
  const columns = spec.fields.map((f) => `"${f.name}" ${stageType(f.kind)}`);
  await conn.exec(
    `CREATE TEMP TABLE "${name}" (${ROW_NO} int NOT NULL, ${columns.join(', ')}) ON COMMIT DROP`,
  );
  return [ROW_NO, ...spec.fields.map((f) => f.name)];
}

function escapeCopy(text: string): string {
  return /[\\\t\n\r]/.test(text)
    ? text.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!)
    : text;
}

/** Encodes validated rows as COPY text-format lines. */
export function copyEncoder(spec: EntitySpec): (row: number, values: TypedRow) => string {
  const encoders = spec.fields.map((f) => {
    const scaled = f.kind === 'money' || f.kind === 'percent';
    return (value: TypedRow[string]): string => {
      if (value === null || value === undefined) return '\\N';
      if (typeof value === 'boolean') return value ? 't' : 'f';
      if (typeof value === 'number') return scaled ? decimalFromCents(value) : String(value);
      return escapeCopy(value);
    };
  });
  const names = spec.fields.map((f) => f.name);
  return (row, values) => {
    let line = String(row);
    for (let i = 0; i < names.length; i++) line += `\t${encoders[i]!(values[names[i]!]!)}`;
    return `${line}\n`;
  };
}
