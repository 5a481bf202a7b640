// A fingerprint of the account tables (row count and checksum of every row per table), to prove
// that a refused import changed nothing.
import { LEDGER_TABLES } from '../../src/store/ledger-tables.ts';
import type { SqlConn } from '../../src/store/sql.ts';

export const ACCOUNT_TABLES = [...LEDGER_TABLES, 'audit_events'] as const;

export async function dbFingerprint(conn: SqlConn): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of ACCOUNT_TABLES) {
    const [row] = await conn.query<{ n: number; sum: string | null }>(
      `SELECT count(*)::int AS n, md5(string_agg(t::text, '|' ORDER BY t.id)) AS sum FROM "${table}" t`,
    );
    out[table] = `${row?.n}:${row?.sum ?? '-'}`;
  }
  return out;
}
