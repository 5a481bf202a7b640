// The transaction an import runs in, and its entry in the audit trail.
import { LEDGER_TABLES } from '../store/ledger-tables.ts';
import type { SqlConn } from '../store/sql.ts';
import type { Who } from '../store/who.ts';

/** Prepares the import's transaction: one import at a time, no duplicate reference checks, memory to hash and sort. */
export async function beginImport(tx: SqlConn & { exec(script: string): Promise<void> }): Promise<void> {
  // Imports run one at a time, so an import's inserts never race another's.
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('callsheet:import'))`);
  // The import checks every reference itself, in this transaction, before it writes; the
  // per-row foreign-key triggers would check them again (a quarter of the load time). Only a
  // superuser may switch them off for the transaction; anyone else keeps them.
  const [role] = await tx.query<{ su: boolean }>(`SELECT current_setting('is_superuser') = 'on' AS su`);
  if (role?.su) await tx.exec('SET LOCAL session_replication_role = replica');
  // Duplicate checks hash every key and bulk loads rebuild indexes: give them memory rather
  // than let them spill to disk (imports run one at a time, so this is bounded).
  await tx.exec(`SET LOCAL work_mem = '128MB'; SET LOCAL maintenance_work_mem = '256MB'`);
}

export async function recordImport(
  tx: SqlConn,
  entry: { at: Date; who: Who; entities: string; data: unknown },
): Promise<void> {
  await tx.query(
    `INSERT INTO audit_events (at, actor, source, action, entity, data) VALUES ($1, $2, $3, 'import', $4, $5::jsonb)`,
    [entry.at, entry.who.actor, entry.who.source, entry.entities, JSON.stringify(entry.data)],
  );
}

/**
 * Refreshes the planner's statistics of the ledger tables. PGlite has no autovacuum to notice a bulk
 * change: without fresh statistics the engine's plans can be orders of magnitude off.
 */
export async function analyzeLedger(conn: { exec(script: string): Promise<void> }): Promise<void> {
  await conn.exec(`ANALYZE ${LEDGER_TABLES.join(', ')}`);
}
