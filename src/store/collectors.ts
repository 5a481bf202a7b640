// Collectors as the surfaces know them: by Slack user id, Teams (Azure AD) object id or code, with
// the look-ups the commands need. One look-up for every surface (`collectorByUser`).
import type { SqlConn } from './sql.ts';

export interface CollectorRow {
  id: number;
  code: string;
  name: string;
  role: 'collector' | 'manager';
  timeZone: string;
  slackUserId: string | null;
  teamsUserId: string | null;
}

export type UserPlatform = 'slack' | 'teams' | 'console' | 'cli';

const COLUMNS = `id, code, name, role::text AS role, time_zone AS "timeZone", slack_user_id AS "slackUserId",
  teams_user_id AS "teamsUserId"`;
/** Where each surface's user id lives; the console and the CLI name a collector by code (any case). */
const MATCH: Record<UserPlatform, string> = {
  slack: 'slack_user_id = $1',
  teams: 'teams_user_id = $1',
  console: 'lower(code) = lower($1)',
  cli: 'lower(code) = lower($1)',
};

/** The active collector a surface's user is, or null. */
export async function collectorByUser(
  conn: SqlConn,
  platform: UserPlatform,
  userId: string,
): Promise<CollectorRow | null> {
  const [row] = await conn.query<CollectorRow & Record<string, unknown>>(
    `SELECT ${COLUMNS} FROM collectors WHERE ${MATCH[platform]} AND active ORDER BY id LIMIT 1`,
    [userId.trim()],
  );
  return row ?? null;
}

export async function collectorById(conn: SqlConn, id: number): Promise<CollectorRow | null> {
  const [row] = await conn.query<CollectorRow & Record<string, unknown>>(
    `SELECT ${COLUMNS} FROM collectors WHERE id = $1`,
    [id],
  );
  return row ?? null;
}

/** Active collectors whose code is `wanted` or whose name starts with it, exact code first. */
export async function collectorsMatching(conn: SqlConn, wanted: string): Promise<CollectorRow[]> {
  return conn.query<CollectorRow & Record<string, unknown>>(
    `SELECT ${COLUMNS} FROM collectors
      WHERE active AND (lower(code) = lower($1) OR lower(name) LIKE lower($1) || '%')
      ORDER BY (lower(code) = lower($1)) DESC, id`,
    [wanted],
  );
}

/**
 * Links a Teams user to the one active collector whose e-mail is among `emails` (any case) and who
 * is not linked to someone else; null when none or several match — never a guess. A collector
 * already linked to this very user counts: Teams sends two activities on install, and the second
 * must find what the first linked.
 */
export async function linkTeamsUserByEmail(
  conn: SqlConn,
  teamsUserId: string,
  emails: readonly string[],
): Promise<CollectorRow | null> {
  const candidates = await conn.query<CollectorRow & Record<string, unknown>>(
    `SELECT ${COLUMNS} FROM collectors
      WHERE (teams_user_id IS NULL OR teams_user_id = $2) AND active AND lower(email) = ANY($1::text[])`,
    [emails.map((e) => e.toLowerCase()), teamsUserId],
  );
  if (candidates.length !== 1) return null;
  const collector = candidates[0]!;
  if (collector.teamsUserId === teamsUserId) return collector;
  await conn.query(
    `UPDATE collectors SET teams_user_id = $2, actor = $3, source = 'teams', updated_at = now() WHERE id = $1`,
    [collector.id, teamsUserId, collector.code],
  );
  return { ...collector, teamsUserId };
}

/** The calls a day the active collectors can make (managers' own accounts not counted). */
export async function collectorsCapacity(conn: SqlConn): Promise<number> {
  const [row] = await conn.query<{ capacity: number }>(
    `SELECT coalesce(sum(daily_capacity), 0)::int AS capacity FROM collectors WHERE active AND role = 'collector'`,
  );
  return row?.capacity ?? 0;
}

/** Codes of a few active collectors, to suggest when a code is unknown. */
export async function someCollectorCodes(conn: SqlConn, limit: number): Promise<string[]> {
  const rows = await conn.query<{ code: string }>(
    'SELECT code FROM collectors WHERE active ORDER BY id LIMIT $1',
    [limit],
  );
  return rows.map((r) => r.code);
}

/** Who the digests go to, with the zone that decides when their morning is. */
export type Recipient = { code: string; timeZone: string; role: 'collector' | 'manager' };

export function activeRecipients(conn: SqlConn): Promise<Recipient[]> {
  return conn.query<Recipient>(
    `SELECT code, time_zone AS "timeZone", role::text AS role FROM collectors WHERE active ORDER BY id`,
  );
}
