// The outreach ledger and the facts its rules need. Every e-mail is a row written before it is
// sent; each status change is one guarded UPDATE (only from the state it leaves), so two runs, a
// retry or a crash and restart can never send a row twice: a row is claimed (queued → sending) by
// one run only, and a row left 'sending' by a dead run is never resent blindly (→ uncertain).
import type { IsoDate } from '../domain/calendar.ts';
import { centsFromDecimal, decimalFromCents } from '../domain/money.ts';
import type { OutreachKind } from '../domain/outreach/message-kind.ts';
import type { SqlConn } from './sql.ts';

export interface OutreachFacts {
  customerId: number;
  language: string | null;
  optedOut: boolean;
  creditHold: boolean;
  calledToday: boolean;
  brokenRecent: number;
  pendingPromiseOn: IsoDate | null;
  collector: { id: number; name: string; email: string | null } | null;
  invoices: {
    number: string;
    issueDate: IsoDate;
    dueDate: IsoDate;
    openCents: number;
    currency: string;
    daysPastDue: number;
    disputed: boolean;
  }[];
}

/** Outcomes that mean a collector spoke (or tried to speak) with the customer. */
const CALL_OUTCOMES = `('promised','plan','disputed','no_answer','voicemail','paid','callback','wrong_number')`;

/** What the rules need to know about each customer on the day (open invoices as they stand now). */
export async function readOutreachFacts(
  conn: SqlConn,
  day: { asOf: IsoDate; start: string; end: string; brokenSince: IsoDate },
  customerIds: readonly number[],
): Promise<Map<number, OutreachFacts>> {
  if (!customerIds.length) return new Map();
  const rows = await conn.query<{
    id: number;
    language: string | null;
    opt_out: boolean;
    hold: boolean;
    called: boolean;
    broken: number;
    pending_on: string | null;
    collector_id: number | null;
    collector_name: string | null;
    collector_email: string | null;
    invoices: { n: string; i: string; d: string; a: string; c: string; p: number; x: boolean }[] | null;
  }>(
    `SELECT c.id, c.language, c.outreach_opt_out AS opt_out,
            EXISTS (SELECT 1 FROM credit_holds h WHERE h.customer_id = c.id AND h.released_at IS NULL) AS hold,
            EXISTS (SELECT 1 FROM interactions x WHERE x.customer_id = c.id AND x.outcome IN ${CALL_OUTCOMES}
                       AND x.occurred_at >= $2::timestamptz AND x.occurred_at < $3::timestamptz) AS called,
            (SELECT count(*)::int FROM promises p WHERE p.customer_id = c.id AND p.status = 'broken'
                AND p.due_on >= $4::date) AS broken,
            (SELECT min(p.due_on)::text FROM promises p WHERE p.customer_id = c.id AND p.status = 'open'
                AND p.due_on >= $1::date) AS pending_on,
            k.id AS collector_id, k.name AS collector_name, k.email AS collector_email,
            (SELECT json_agg(json_build_object(
                      'n', i.number, 'i', i.issue_date::text, 'd', i.due_date::text, 'a', i.open_amount::text,
                      'c', i.currency, 'p', ($1::date - i.due_date),
                      'x', i.disputed OR EXISTS (SELECT 1 FROM disputes d WHERE d.invoice_id = i.id AND d.status = 'open'))
                    ORDER BY i.due_date, i.number)
               FROM invoices i
              WHERE i.customer_id = c.id AND i.status = 'open' AND i.open_amount > 0 AND i.issue_date <= $1::date
            ) AS invoices
       FROM customers c LEFT JOIN collectors k ON k.id = c.collector_id
      WHERE c.id = ANY($5::int[])`,
    [day.asOf, day.start, day.end, day.brokenSince, [...customerIds]],
  );
  return new Map(
    rows.map((r) => [
      Number(r.id),
      {
        customerId: Number(r.id),
        language: r.language,
        optedOut: r.opt_out,
        creditHold: r.hold,
        calledToday: r.called,
        brokenRecent: Number(r.broken),
        pendingPromiseOn: r.pending_on,
        collector:
          r.collector_id === null
            ? null
            : { id: Number(r.collector_id), name: r.collector_name ?? '', email: r.collector_email },
        invoices: (r.invoices ?? []).map((i) => ({
          number: i.n,
          issueDate: i.i,
          dueDate: i.d,
          openCents: centsFromDecimal(i.a),
          currency: i.c.trim(),
          daysPastDue: Number(i.p),
          disputed: i.x,
        })),
      },
    ]),
  );
}

/** What a message says and to whom, as queued and as listed. */
interface MessageContent {
  customerId: number;
  day: IsoDate;
  kind: OutreachKind;
  toEmail: string;
  toName: string;
  subject: string;
  bodyText: string;
  bodyHtml: string;
  messageId: string;
  inReplyTo: string | null;
  references: string | null;
  invoiceNumbers: string[];
  amountCents: number;
  currency: string;
}

export interface NewOutreachMessage extends MessageContent {
  collectorId: number | null;
  interactionId: number | null;
  actor: string;
  source: string;
}

/**
 * Writes the messages to the ledger as queued; a message already there for its customer, day and
 * kind (or its interaction) is left as it is. Returns how many were new.
 */
export async function queueMessages(conn: SqlConn, messages: readonly NewOutreachMessage[]): Promise<number> {
  if (!messages.length) return 0;
  const records = messages.map((m) => ({
    customer_id: m.customerId,
    day: m.day,
    kind: m.kind,
    to_email: m.toEmail,
    to_name: m.toName,
    subject: m.subject,
    body_text: m.bodyText,
    body_html: m.bodyHtml,
    message_id: m.messageId,
    in_reply_to: m.inReplyTo,
    refs: m.references,
    invoice_numbers: m.invoiceNumbers,
    amount: decimalFromCents(m.amountCents),
    currency: m.currency,
    collector_id: m.collectorId,
    interaction_id: m.interactionId,
    actor: m.actor,
    source: m.source,
  }));
  const batch = records.filter((r) => r.interaction_id === null);
  const followUps = records.filter((r) => r.interaction_id !== null);
  let n = 0;
  for (const [rows, conflict] of [
    [batch, '(customer_id, day, kind) WHERE interaction_id IS NULL'],
    [followUps, '(interaction_id) WHERE interaction_id IS NOT NULL'],
  ] as const) {
    if (!rows.length) continue;
    const inserted = await conn.query(
      `INSERT INTO outreach_messages (customer_id, day, kind, to_email, to_name, subject, body_text, body_html,
              message_id, in_reply_to, "references", invoice_numbers, amount, currency, collector_id,
              interaction_id, actor, source)
       SELECT r.customer_id, r.day::date, r.kind::"OutreachKind", r.to_email, r.to_name, r.subject, r.body_text,
              r.body_html, r.message_id, r.in_reply_to, r.refs, r.invoice_numbers, r.amount::numeric, r.currency,
              r.collector_id, r.interaction_id, r.actor, r.source
         FROM jsonb_to_recordset($1::jsonb) AS r(customer_id int, day text, kind text, to_email text, to_name text,
              subject text, body_text text, body_html text, message_id text, in_reply_to text, refs text,
              invoice_numbers text[], amount text, currency text, collector_id int, interaction_id int,
              actor text, source text)
        ORDER BY r.customer_id
       ON CONFLICT ${conflict} DO NOTHING
       RETURNING id`,
      [JSON.stringify(rows)],
    );
    n += inserted.length;
  }
  return n;
}

/** Each customer's latest message (its Message-ID and References), to thread the next one under it. */
export async function latestThreads(
  conn: SqlConn,
  customerIds: readonly number[],
): Promise<Map<number, { messageId: string; references: string | null }>> {
  if (!customerIds.length) return new Map();
  const rows = await conn.query<{ customer_id: number; message_id: string; references: string | null }>(
    `SELECT DISTINCT ON (customer_id) customer_id, message_id, "references"
       FROM outreach_messages
      WHERE customer_id = ANY($1::int[]) AND status NOT IN ('cancelled', 'failed')
      ORDER BY customer_id, id DESC`,
    [[...customerIds]],
  );
  return new Map(
    rows.map((r) => [Number(r.customer_id), { messageId: r.message_id, references: r.references }]),
  );
}

export interface LedgerMessage extends MessageContent {
  id: number;
  customerCode: string;
  customerName: string;
  status: 'queued' | 'sending' | 'sent' | 'failed' | 'bounced' | 'uncertain' | 'cancelled';
  attempts: number;
  sentAt: string | null;
  response: string | null;
  error: string | null;
}

const SELECT_MESSAGE = `SELECT m.id, m.customer_id AS "customerId", c.code AS "customerCode", c.name AS "customerName",
       m.day::text AS day, m.kind::text AS kind, m.status::text AS status, m.to_email AS "toEmail",
       m.to_name AS "toName", m.subject, m.body_text AS "bodyText", m.body_html AS "bodyHtml",
       m.message_id AS "messageId", m.in_reply_to AS "inReplyTo", m."references", m.invoice_numbers AS "invoiceNumbers",
       m.amount::text AS amount, m.currency, m.attempts,
       to_char(m.sent_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "sentAt", m.response, m.error
  FROM outreach_messages m JOIN customers c ON c.id = m.customer_id`;

type RawMessage = Omit<LedgerMessage, 'amountCents'> & { amount: string };

const toMessage = ({ amount, ...r }: RawMessage): LedgerMessage => ({
  ...r,
  id: Number(r.id),
  customerId: Number(r.customerId),
  currency: r.currency.trim(),
  amountCents: centsFromDecimal(amount),
});

/** Claims the next queued message due by `now` (one run only gets it); null when none is left. */
export async function claimNextMessage(
  conn: SqlConn,
  day: IsoDate | null,
  now: Date,
): Promise<LedgerMessage | null> {
  const [claimed] = await conn.query<{ id: number }>(
    `UPDATE outreach_messages m SET status = 'sending', claimed_at = $2::timestamptz, attempts = m.attempts + 1,
            updated_at = $2::timestamptz
      WHERE m.id = (SELECT id FROM outreach_messages
                     WHERE status = 'queued' AND ($1::date IS NULL OR day = $1::date)
                       AND (next_attempt_at IS NULL OR next_attempt_at <= $2::timestamptz)
                     ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
        AND m.status = 'queued'
      RETURNING m.id`,
    [day, now.toISOString()],
  );
  if (!claimed) return null;
  const [row] = await conn.query<RawMessage>(`${SELECT_MESSAGE} WHERE m.id = $1`, [claimed.id]);
  return row ? toMessage(row) : null;
}

/** When the earliest queued retry of the day falls due, if any is waiting. */
export async function nextRetryAt(conn: SqlConn, day: IsoDate | null): Promise<Date | null> {
  const [row] = await conn.query<{ at: string | null }>(
    `SELECT to_char(min(next_attempt_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
       FROM outreach_messages WHERE status = 'queued' AND ($1::date IS NULL OR day = $1::date)`,
    [day],
  );
  return row?.at ? new Date(row.at) : null;
}

export async function countQueued(conn: SqlConn, day: IsoDate | null): Promise<number> {
  const [row] = await conn.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM outreach_messages WHERE status = 'queued' AND ($1::date IS NULL OR day = $1::date)`,
    [day],
  );
  return Number(row?.n ?? 0);
}

/** The server accepted it. False if the row was no longer 'sending' (another run settled it). */
export async function markSent(conn: SqlConn, id: number, response: string, now: Date): Promise<boolean> {
  const rows = await conn.query(
    `UPDATE outreach_messages SET status = 'sent', sent_at = $3::timestamptz, response = $2, error = NULL,
            updated_at = $3::timestamptz
      WHERE id = $1 AND status = 'sending' RETURNING id`,
    [id, response, now.toISOString()],
  );
  return rows.length === 1;
}

/** A temporary failure: back in the queue, not before `retryAt`. */
export async function markRetry(
  conn: SqlConn,
  id: number,
  error: string,
  retryAt: Date,
  now: Date,
): Promise<void> {
  await conn.query(
    `UPDATE outreach_messages SET status = 'queued', next_attempt_at = $3::timestamptz, error = $2,
            updated_at = $4::timestamptz
      WHERE id = $1 AND status = 'sending'`,
    [id, error, retryAt.toISOString(), now.toISOString()],
  );
}

/** A permanent failure (or temporary ones past the last attempt). */
export async function markFailed(conn: SqlConn, id: number, error: string, now: Date): Promise<boolean> {
  const rows = await conn.query(
    `UPDATE outreach_messages SET status = 'failed', error = $2, response = $2, updated_at = $3::timestamptz
      WHERE id = $1 AND status = 'sending' RETURNING id`,
    [id, error, now.toISOString()],
  );
  return rows.length === 1;
}

/**
 * Messages a run claimed but never settled (it stopped while the server had them): whether the
 * server took them is unknown, so they are not resent blindly; a person checks (see `outreach status`).
 */
export async function markStaleUncertain(
  conn: SqlConn,
  claimedBefore: Date,
  now: Date,
): Promise<LedgerMessage[]> {
  const rows = await conn.query<{ id: number }>(
    `UPDATE outreach_messages SET status = 'uncertain', updated_at = $2::timestamptz,
            error = 'the sending run stopped while the server had this message: check the mailbox, then requeue or cancel it'
      WHERE status = 'sending' AND claimed_at < $1::timestamptz RETURNING id`,
    [claimedBefore.toISOString(), now.toISOString()],
  );
  return rows.length ? listMessages(conn, { ids: rows.map((r) => r.id) }) : [];
}

/** Puts an uncertain or failed message back in the queue (a person checked it was not delivered). */
export async function requeueMessage(conn: SqlConn, id: number, now: Date): Promise<boolean> {
  const rows = await conn.query(
    `UPDATE outreach_messages SET status = 'queued', next_attempt_at = NULL, updated_at = $2::timestamptz
      WHERE id = $1 AND status IN ('uncertain', 'failed') RETURNING id`,
    [id, now.toISOString()],
  );
  return rows.length === 1;
}

/** Skip a day: its messages not yet sent are cancelled (claimed ones finish as they are). */
export async function cancelQueued(conn: SqlConn, day: IsoDate, now: Date): Promise<number> {
  const rows = await conn.query(
    `UPDATE outreach_messages SET status = 'cancelled', updated_at = $2::timestamptz
      WHERE day = $1::date AND status = 'queued' AND interaction_id IS NULL RETURNING id`,
    [day, now.toISOString()],
  );
  return rows.length;
}

export async function listMessages(
  conn: SqlConn,
  filter: { day?: IsoDate; customerId?: number; ids?: number[]; limit?: number },
): Promise<LedgerMessage[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.day !== undefined) where.push(`m.day = $${params.push(filter.day)}::date`);
  if (filter.customerId !== undefined) where.push(`m.customer_id = $${params.push(filter.customerId)}`);
  if (filter.ids !== undefined) where.push(`m.id = ANY($${params.push(filter.ids)}::int[])`);
  const limit = filter.limit === undefined ? '' : ` LIMIT $${params.push(filter.limit)}::int`;
  const rows = await conn.query<RawMessage>(
    `${SELECT_MESSAGE} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY m.id DESC${limit}`,
    params,
  );
  return rows.map(toMessage);
}

/** How many messages of the day are in each status. */
export async function countByStatus(conn: SqlConn, day: IsoDate): Promise<Record<string, number>> {
  const rows = await conn.query<{ status: string; n: number }>(
    'SELECT status::text AS status, count(*)::int AS n FROM outreach_messages WHERE day = $1::date GROUP BY 1',
    [day],
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

export async function setOptOut(conn: SqlConn, customerId: number, optedOut: boolean): Promise<void> {
  await conn.query('UPDATE customers SET outreach_opt_out = $2, updated_at = now() WHERE id = $1', [
    customerId,
    optedOut,
  ]);
}

export interface PendingFollowUp {
  interactionId: number;
  customerId: number;
  customerCode: string;
  customerName: string;
  optedOut: boolean;
  language: string | null;
  collectorId: number | null;
  collectorCode: string | null;
  collectorName: string | null;
  collectorEmail: string | null;
  outcome: string;
  day: IsoDate;
  amountCents: number | null;
  /** The currency of the promise or plan the call made (null for other outcomes). */
  currency: string | null;
  onDate: IsoDate | null;
  note: string | null;
  invoiceNumber: string | null;
}

/**
 * Calls logged between `since` and `until` (the end of their undo window) that could have a written
 * follow-up and have none in the ledger yet, not undone.
 */
export async function pendingFollowUps(
  conn: SqlConn,
  window: { since: Date; until: Date; limit: number },
): Promise<PendingFollowUp[]> {
  const rows = await conn.query<Omit<PendingFollowUp, 'amountCents'> & { amount: string | null }>(
    `SELECT i.id AS "interactionId", c.id AS "customerId", c.code AS "customerCode", c.name AS "customerName",
            c.outreach_opt_out AS "optedOut", c.language, k.id AS "collectorId", k.code AS "collectorCode",
            k.name AS "collectorName", k.email AS "collectorEmail", i.outcome::text AS outcome,
            i.occurred_at::date::text AS day, i.amount::text AS amount, i.on_date::text AS "onDate", i.note,
            v.number AS "invoiceNumber",
            (SELECT p.currency FROM promises p WHERE p.interaction_id = i.id ORDER BY p.id LIMIT 1) AS currency
       FROM interactions i
       JOIN customers c ON c.id = i.customer_id
       LEFT JOIN collectors k ON k.id = i.collector_id
       LEFT JOIN invoices v ON v.id = i.invoice_id
      WHERE i.outcome IN ('promised', 'plan', 'disputed', 'callback', 'paid')
        AND i.occurred_at >= $1::timestamptz AND i.occurred_at < $2::timestamptz
        AND NOT EXISTS (SELECT 1 FROM interactions u WHERE u.corrects_id = i.id)
        AND NOT EXISTS (SELECT 1 FROM outreach_messages m WHERE m.interaction_id = i.id)
      ORDER BY i.id LIMIT $3::int`,
    [window.since.toISOString(), window.until.toISOString(), window.limit],
  );
  return rows.map(({ amount, ...r }) => ({
    ...r,
    interactionId: Number(r.interactionId),
    customerId: Number(r.customerId),
    collectorId: r.collectorId === null ? null : Number(r.collectorId),
    amountCents: amount === null ? null : centsFromDecimal(amount),
  }));
}

/** A follow-up decided against (opt-out, no address): recorded so it is not considered again. */
export async function recordSkippedFollowUp(
  conn: SqlConn,
  f: {
    customerId: number;
    day: IsoDate;
    kind: OutreachKind;
    interactionId: number;
    reason: string;
    actor: string;
    source: string;
  },
  now: Date,
): Promise<void> {
  await conn.query(
    `INSERT INTO outreach_messages (customer_id, day, kind, status, to_email, to_name, subject, body_text, body_html,
            message_id, invoice_numbers, amount, interaction_id, error, actor, source, created_at, updated_at)
     VALUES ($1, $2::date, $3::"OutreachKind", 'cancelled', '', '', '', '', '', $4, '{}', 0, $5, $6, $7, $8,
             $9::timestamptz, $9::timestamptz)
     ON CONFLICT (interaction_id) WHERE interaction_id IS NOT NULL DO NOTHING`,
    [
      f.customerId,
      f.day,
      f.kind,
      `skipped.${f.interactionId}`,
      f.interactionId,
      f.reason,
      f.actor,
      f.source,
      now.toISOString(),
    ],
  );
}
