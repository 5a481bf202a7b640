import type { AlertCandidate } from '../../domain/alerts/candidate.ts';
import type { IsoDate } from '../../domain/calendar.ts';
import type { SqlConn } from '../sql.ts';

export type StoredAlert = {
  id: number;
  kind: AlertCandidate['kind'];
  severity: AlertCandidate['severity'];
  status: 'open' | 'acknowledged' | 'snoozed' | 'resolved';
  customerCode: string | null;
  customerName: string | null;
  message: string;
  payload: {
    title: string;
    suggestedAction: string;
    numbers: Record<string, number | string>;
    sparkline: string;
    asOf: IsoDate;
  };
  snoozedUntil: string | null;
  acknowledgedBy: string | null;
  createdAt: string;
};

const SELECT_ALERT = `SELECT a.id, a.kind::text AS kind, a.severity::text AS severity, a.status::text AS status,
       c.code AS "customerCode", c.name AS "customerName", a.message, a.payload,
       to_char(a.snoozed_until AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "snoozedUntil",
       a.acknowledged_by AS "acknowledgedBy",
       to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt"
  FROM alerts a LEFT JOIN customers c ON c.id = a.customer_id`;

// The kinds that need a call before money goes out (orders) before the ones about money already owed.
const KIND_ORDER = `array_position(ARRAY['new_customer_large_order', 'unusual_order', 'broken_promise', 'credit_limit', 'slowing_payments', 'delivery_failure'], a.kind::text)`;

// The most urgent first: critical before warning, then by kind.
const URGENCY = `array_position(ARRAY['critical', 'warning', 'info'], a.severity::text), ${KIND_ORDER}, a.id`;

// Newest day first; within a day the most urgent first.
const ALERT_ORDER = `ORDER BY date_trunc('day', a.created_at) DESC, ${URGENCY}`;

/** Inserts the candidates whose fingerprint is new; returns only those (the same fact never twice). */
export async function insertAlerts(
  conn: SqlConn,
  candidates: readonly AlertCandidate[],
  asOf: IsoDate,
  now: Date,
): Promise<StoredAlert[]> {
  if (!candidates.length) return [];
  // Most facts of a scan were alerted before: look their fingerprints up first (a unique-index probe
  // each) rather than ship every payload to be discarded by ON CONFLICT, which still guards races.
  const known = await conn.query<{ fingerprint: string }>(
    'SELECT fingerprint FROM alerts WHERE fingerprint = ANY($1::text[])',
    [candidates.map((c) => c.fingerprint)],
  );
  const seen = new Set(known.map((r) => r.fingerprint));
  const fresh = candidates.filter((c) => !seen.has(c.fingerprint));
  if (!fresh.length) return [];
  const records = fresh.map((c) => ({
    kind: c.kind,
    customer_id: c.customer.id,
    fingerprint: c.fingerprint,
    severity: c.severity,
    message: c.message,
    payload: {
      title: c.title,
      suggestedAction: c.suggestedAction,
      numbers: c.numbers,
      sparkline: c.sparkline,
      asOf,
    },
  }));
  const inserted = await conn.query<{ id: number }>(
    `INSERT INTO alerts (kind, customer_id, fingerprint, severity, message, payload, status, created_at, updated_at)
     SELECT r.kind::"AlertKind", r.customer_id, r.fingerprint, r.severity::"AlertSeverity", r.message, r.payload,
            'open', $2::timestamptz, $2::timestamptz
       FROM jsonb_to_recordset($1::jsonb)
         AS r(kind text, customer_id int, fingerprint text, severity text, message text, payload jsonb)
     ON CONFLICT (fingerprint) DO NOTHING
     RETURNING id`,
    [JSON.stringify(records), now.toISOString()],
  );
  if (!inserted.length) return [];
  return conn.query<StoredAlert>(`${SELECT_ALERT} WHERE a.id = ANY($1::int[]) ORDER BY a.id`, [
    inserted.map((r) => r.id),
  ]);
}

// Open alerts, and snoozed ones whose snooze has run out ($n: the current instant).
const TO_ACT_ON = (n: number) =>
  `(a.status = 'open' OR (a.status = 'snoozed' AND a.snoozed_until <= $${n}::timestamptz))`;

/**
 * Alerts to act on: open ones and snoozed ones whose snooze has run out (newest first); with `all`,
 * every alert including acknowledged and still-snoozed ones.
 */
export async function selectAlerts(
  conn: SqlConn,
  options: { all: boolean; now: Date; limit: number; ids?: number[] },
): Promise<StoredAlert[]> {
  const params: unknown[] = [options.limit];
  let where = '';
  if (options.ids) {
    params.push(options.ids);
    where = 'WHERE a.id = ANY($2::int[])';
  } else if (!options.all) {
    params.push(options.now.toISOString());
    where = `WHERE ${TO_ACT_ON(2)}`;
  }
  return conn.query<StoredAlert>(`${SELECT_ALERT} ${where} ${ALERT_ORDER} LIMIT $1::int`, params);
}

type KindCount = { kind: AlertCandidate['kind']; count: number };

/** How many alerts `selectAlerts` would list without a limit, per kind (in the listing's kind order). */
export async function countAlertsByKind(
  conn: SqlConn,
  options: { all: boolean; now: Date },
): Promise<KindCount[]> {
  return conn.query<KindCount>(
    `SELECT a.kind::text AS kind, count(*)::int AS count FROM alerts a
      WHERE $1::boolean OR ${TO_ACT_ON(2)} GROUP BY a.kind ORDER BY min(${KIND_ORDER})`,
    [options.all, options.now.toISOString()],
  );
}

// Each alert's rank within its scan's alerts (one created_at), the most urgent first, as listings
// order them.
const RANKED_BY_SCAN = `SELECT a.id, a.kind, a.status, a.created_at,
         row_number() OVER (PARTITION BY a.created_at ORDER BY ${URGENCY}) AS rank
    FROM alerts a`;

// A scan's instant as ISO 8601 to the millisecond (created_at's precision), to find its alerts again.
const SCAN_INSTANT = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export type AlertToPost = {
  id: number;
  /** The instant of the scan that recorded it (ISO 8601, ms), shared by the scan's alerts. */
  scannedAt: string;
  /** 1 for the scan's most urgent alert. */
  rank: number;
  /** Set when it comes back after a snooze (the minute the snooze ran out). */
  reopened: string | null;
};

/**
 * Open alerts recorded in [since, until], ranked within their scan, and snoozed alerts whose
 * snooze ran out in it: what the alerts channel may still need to hear about.
 */
export async function selectAlertsToPost(conn: SqlConn, since: Date, until: Date): Promise<AlertToPost[]> {
  return conn.query<AlertToPost>(
    `SELECT id, ${SCAN_INSTANT('created_at')} AS "scannedAt",
            rank::int AS rank, NULL AS reopened
       FROM (${RANKED_BY_SCAN} WHERE a.created_at >= $1::timestamptz AND a.created_at <= $2::timestamptz) x
      WHERE status = 'open'
     UNION ALL
     SELECT a.id, ${SCAN_INSTANT('a.created_at')}, 0,
            to_char(a.snoozed_until AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI')
       FROM alerts a
      WHERE a.status = 'snoozed' AND a.snoozed_until <= $2::timestamptz AND a.snoozed_until >= $1::timestamptz
      ORDER BY id`,
    [since.toISOString(), until.toISOString()],
  );
}

/** The still-open alerts of one scan ranked after `after`, counted per kind (largest first). */
export async function countAlertsRankedAfter(
  conn: SqlConn,
  scannedAt: string,
  after: number,
): Promise<KindCount[]> {
  return conn.query<KindCount>(
    `SELECT kind::text AS kind, count(*)::int AS count
       FROM (${RANKED_BY_SCAN} WHERE a.created_at = $1::timestamptz) x
      WHERE status = 'open' AND rank > $2::int
      GROUP BY kind ORDER BY count(*) DESC, kind`,
    [scannedAt, after],
  );
}

/** Sets an alert's status; returns false when there is no such alert. */
export async function updateAlertStatus(
  conn: SqlConn,
  id: number,
  change:
    | { status: 'acknowledged'; by: string; at: Date }
    | { status: 'snoozed'; by: string; at: Date; until: Date },
): Promise<boolean> {
  const rows = await conn.query(
    `UPDATE alerts SET status = $2::"AlertStatus", acknowledged_by = $3,
            acknowledged_at = $4::timestamptz, snoozed_until = $5::timestamptz, updated_at = $4::timestamptz
      WHERE id = $1 RETURNING id`,
    [
      id,
      change.status,
      change.by,
      change.at.toISOString(),
      change.status === 'snoozed' ? change.until.toISOString() : null,
    ],
  );
  return rows.length > 0;
}
