// Set-based inserts: one statement per table and chunk, with one array parameter per column
// (INSERT … SELECT FROM unnest(…)), so any number of rows costs a handful of round trips on
// both PostgreSQL and PGlite.
import type { SqlConn } from './sql.ts';

export interface Column<R> {
  name: string;
  /** Postgres type of the column, e.g. 'int', 'text', 'date', 'numeric', '"ContactRole"'. */
  type: string;
  value: (row: R) => unknown;
}

/** Element type passed through unnest: enums travel as text and are cast on the way in. */
function arrayType(type: string): string {
  return type.startsWith('"') ? 'text' : type;
}

export async function bulkInsert<R>(
  conn: SqlConn,
  table: string,
  columns: Column<R>[],
  rows: readonly R[],
  options: { chunkSize?: number; onConflict?: string } = {},
): Promise<void> {
  const chunkSize = options.chunkSize ?? 20_000;
  const names = columns.map((c) => `"${c.name}"`).join(', ');
  const selects = columns.map((c, i) => `u.c${i}::${c.type}`).join(', ');
  const unnest = columns.map((c, i) => `$${i + 1}::${arrayType(c.type)}[]`).join(', ');
  const aliases = columns.map((_, i) => `c${i}`).join(', ');
  const text = `INSERT INTO "${table}" (${names}) SELECT ${selects} FROM unnest(${unnest}) AS u(${aliases}) ${options.onConflict ?? ''}`;
  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize);
    await conn.query(
      text,
      columns.map((c) => chunk.map(c.value)),
    );
  }
}

/** After inserting explicit ids, move each table's id sequence past the largest id. */
export async function resetSequences(conn: SqlConn, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    await conn.query(
      `SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), coalesce((SELECT max(id) FROM "${table}"), 0) + 1, false)`,
    );
  }
}
