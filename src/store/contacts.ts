// A customer's contacts, primary first.
import type { SqlConn } from './sql.ts';

export interface ContactLine {
  name: string;
  role: string;
  phone: string | null;
  email: string | null;
  preferred: string;
}

export async function contactsOf(conn: SqlConn, customerId: number, limit: number): Promise<ContactLine[]> {
  return conn.query<ContactLine & Record<string, unknown>>(
    `SELECT name, role::text AS role, phone, email, preferred_channel::text AS preferred FROM contacts
      WHERE customer_id = $1 ORDER BY "primary" DESC, name LIMIT $2`,
    [customerId, limit],
  );
}
