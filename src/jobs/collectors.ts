// The people the digests go to, with the zone that decides when their morning is.
import type { SqlConn } from '../store/sql.ts';

export type Recipient = { code: string; timeZone: string; role: 'collector' | 'manager' };

export function activeRecipients(conn: SqlConn): Promise<Recipient[]> {
  return conn.query<Recipient>(
    `SELECT code, time_zone AS "timeZone", role::text AS role FROM collectors WHERE active ORDER BY id`,
  );
}
