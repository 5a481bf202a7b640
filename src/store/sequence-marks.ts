// Where tables' id sequences stand, and putting them back. Sequences are not transactional: a
// rolled-back insert still uses up its ids, so a dry run of 300,000 invoices would leave a gap of
// 300,000 ids. Only safe where nobody else can draw from these sequences meanwhile (the import
// holds its advisory lock, and only imports insert into the ledger tables).
import type { SqlConn } from './sql.ts';

export interface SequenceMarks {
  /** Sets every sequence back to where it stood when marked. */
  restore(): Promise<void>;
}

export async function markSequences(conn: SqlConn, tables: readonly string[]): Promise<SequenceMarks> {
  const marks = await conn.query<{ seq: string; last: string; called: boolean }>(
    `SELECT m.seq, s.last_value::text AS last, s.last_value IS NOT NULL AS called
       FROM unnest($1::text[]) AS t(name)
       CROSS JOIN LATERAL (SELECT pg_get_serial_sequence(quote_ident(t.name), 'id') AS seq) m
       JOIN pg_sequences s ON format('%I.%I', s.schemaname, s.sequencename) = m.seq
      WHERE m.seq IS NOT NULL`,
    [tables],
  );
  return {
    async restore() {
      for (const m of marks) {
        // An unused sequence goes back to "never called", so its next id is its first again.
        await conn.query(`SELECT setval($1::regclass, $2::bigint, $3)`, [
          m.seq,
          m.called ? m.last : '1',
          m.called,
        ]);
      }
    },
  };
}
