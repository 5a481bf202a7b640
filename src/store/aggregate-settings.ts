// Settings for the wide per-customer aggregates of the call-sheet engine and the alert scan: no JIT
// (compiling them costs more than running them) and enough work_mem that per-customer hash
// aggregates stay in memory. SET LOCAL lasts to the end of the transaction.
import type { Sql, SqlConn } from './sql.ts';

const SETTINGS = "SET LOCAL jit = off; SET LOCAL work_mem = '64MB'";

/** Runs `fn` with the settings: in a transaction of its own on a pool, or in the caller's. */
export async function withAggregateSettings<T>(conn: SqlConn, fn: (c: SqlConn) => Promise<T>): Promise<T> {
  if ('transaction' in conn && typeof conn.transaction === 'function') {
    return (conn as Sql).transaction(async (tx) => {
      await tx.exec(SETTINGS);
      return fn(tx);
    });
  }
  await conn.exec(SETTINGS); // already inside the caller's transaction
  return fn(conn);
}
