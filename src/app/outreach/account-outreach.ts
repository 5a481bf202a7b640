// The e-mails a customer was sent (or that failed) for its `account` view, chat and CLI alike.
import { formatDay } from '../../domain/grammar/format.ts';
import { listMessages } from '../../store/outreach.ts';
import type { SqlConn } from '../../store/sql.ts';

export interface AccountMessage {
  id: number;
  day: string;
  kind: string;
  status: string;
  to: string;
  subject: string;
  /** The server's reply to a failure, or why the message is uncertain. */
  problem: string | null;
}

export async function accountMessages(
  conn: SqlConn,
  customerId: number,
  limit = 5,
): Promise<AccountMessage[]> {
  return (await listMessages(conn, { customerId, limit })).map((m) => ({
    id: m.id,
    day: m.day,
    kind: m.kind,
    status: m.status,
    to: m.toEmail,
    subject: m.subject,
    problem: m.status === 'failed' || m.status === 'uncertain' || m.status === 'bounced' ? m.error : null,
  }));
}

/** "E-mail 28 May: reminder 1 to pat@acme.example — sent", failures with the server's reply. */
export function accountMessageLine(m: AccountMessage): string {
  const what = `E-mail ${formatDay(m.day)}: ${m.kind.replace(/_/g, ' ')} to ${m.to}`;
  return m.problem ? `${what} — ${m.status.toUpperCase()}: ${m.problem}` : `${what} — ${m.status}`;
}

export async function outreachLines(conn: SqlConn, customerId: number): Promise<string[]> {
  return (await accountMessages(conn, customerId)).map(accountMessageLine);
}
