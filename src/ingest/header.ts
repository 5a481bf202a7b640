// Matches a file's column names to an entity's canonical columns, ignoring case, spaces,
// underscores and dashes, after the user's --map their_header=our_column renames. A file that
// lacks required columns is refused whole, with a hint when it looks like another entity's file.
import { quoted, shown } from '../domain/safe-text.ts';
import { ENTITIES, type Entity, SPECS } from './entities.ts';

export const normalizeHeader = (header: string) => header.toLowerCase().replace(/[\s_\-.]/g, '');

export type ColumnMap = ReadonlyMap<string, string>;

/** Parses --map values (`Cust No=customer`) into normalized-their → canonical. */
export function parseColumnMap(
  pairs: readonly string[],
): { ok: true; map: ColumnMap } | { ok: false; error: string } {
  const known = new Set(ENTITIES.flatMap((e) => SPECS[e].fields.map((f) => f.name)));
  const map = new Map<string, string>();
  for (const pair of pairs) {
    const at = pair.lastIndexOf('=');
    const ours =
      at < 0
        ? ''
        : pair
            .slice(at + 1)
            .trim()
            .toLowerCase();
    if (at <= 0 || !ours)
      return { ok: false, error: `--map ${quoted(pair)} must look like their_header=our_column` };
    if (!known.has(ours))
      return {
        ok: false,
        error: `--map ${quoted(pair)}: ${ours} is not a column Callsheet knows; see docs/import.md for the columns of each entity`,
      };
    map.set(normalizeHeader(pair.slice(0, at)), ours);
  }
  return { ok: true, map };
}

/** Resolves column names to canonical names (null: not a column of this entity). */
export function headerResolver(entity: Entity, map: ColumnMap): (header: string) => string | null {
  const byNormal = new Map(SPECS[entity].fields.map((f) => [normalizeHeader(f.name), f.name]));
  const names = new Set(SPECS[entity].fields.map((f) => f.name));
  return (header) => {
    const norm = normalizeHeader(header);
    const mapped = map.get(norm);
    if (mapped) return names.has(mapped) ? mapped : null;
    return byNormal.get(norm) ?? null;
  };
}

export interface HeaderCheck {
  columns: (string | null)[];
  ignored: string[];
}

/** Checks a header row; returns the canonical column of each position or why the file is refused. */
export function checkHeader(
  entity: Entity,
  headers: readonly string[],
  resolve: (header: string) => string | null,
): { ok: true; value: HeaderCheck } | { ok: false; error: string } {
  const columns = headers.map((h) => (h.trim() ? resolve(h) : null));
  const seen = new Map<string, string>();
  for (const [i, column] of columns.entries()) {
    if (!column) continue;
    const previous = seen.get(column);
    if (previous !== undefined)
      return {
        ok: false,
        error: `columns ${quoted(previous)} and ${quoted(headers[i]!)} both mean ${column}; keep one`,
      };
    seen.set(column, headers[i]!);
  }
  const missing = SPECS[entity].fields.filter((f) => f.required && !seen.has(f.name)).map((f) => f.name);
  const ignored = headers.filter((h, i) => h.trim() && !columns[i]);
  if (missing.length) {
    // Header names come from the file: escaped and cut, so a hostile one cannot drive the terminal.
    const found =
      headers
        .filter((h) => h.trim())
        .slice(0, 50)
        .map((h) => shown(h, 60))
        .join(', ') || 'nothing';
    // The other entity whose required columns are all there and that knows the most columns.
    let other: Entity | undefined;
    let best = 0;
    for (const e of ENTITIES) {
      const present = new Set(headers.map(headerResolver(e, new Map())));
      present.delete(null);
      if (
        e !== entity &&
        present.size > best &&
        SPECS[e].fields.every((f) => !f.required || present.has(f.name))
      ) {
        other = e;
        best = present.size;
      }
    }
    const hint = other
      ? ` This looks like a ${other} file: name it ${other}.csv or pass --entity ${other}.`
      : ' Rename the column in the file or pass --map their_header=our_column.';
    return {
      ok: false,
      error: `missing required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} for ${entity} (found: ${found}).${hint}`,
    };
  }
  return { ok: true, value: { columns, ignored } };
}
