// Look-ups by a word someone typed or sent. A plain object also answers "constructor" or
// "__proto__" (from Object.prototype), so a table of words is read through its own keys only.

/** `table[key]` when the table itself holds `key`; undefined otherwise. */
export function ownEntry<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
