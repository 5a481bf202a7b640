// Large loads run with a table's secondary indexes dropped and rebuild them after, as pg_restore
// does: one sorted build is many times cheaper than a million scattered index inserts once the
// indexes outgrow shared buffers. Unique keys stay unique: the rebuild checks them again.
// Inside the import's transaction, so a rollback restores them; readers wait for the commit.
import type { SqlConn } from '../store/sql.ts';

/** Runs `fn` with every index of `table` but the primary key and constraint indexes dropped. */
export async function withoutSecondaryIndexes<T>(
  conn: SqlConn,
  table: string,
  fn: () => Promise<T>,
): Promise<T> {
  const indexes = await conn.query<{ name: string; def: string }>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = $1::regclass AND NOT i.indisprimary
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
    [table],
  );
  for (const index of indexes) await conn.exec(`DROP INDEX "${index.name}"`);
  const result = await fn();
  for (const index of indexes) await conn.exec(index.def);
  return result;
}
