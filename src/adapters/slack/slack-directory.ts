// Who is who and where things go, as the Slack surface needs it: Slack user ids mapped to
// collectors, and channel bindings (digests, alerts, team summary, a collector's DM).
import type { SqlConn } from '../../store/sql.ts';

export interface SlackCollector {
  id: number;
  code: string;
  name: string;
  role: 'collector' | 'manager';
  slackUserId: string | null;
}

const COLLECTOR_COLUMNS = `id, code, name, role::text AS role, slack_user_id AS "slackUserId"`;

export async function collectorBySlackUser(
  conn: SqlConn,
  slackUserId: string,
): Promise<SlackCollector | null> {
  const [row] = await conn.query<SlackCollector & Record<string, unknown>>(
    `SELECT ${COLLECTOR_COLUMNS} FROM collectors WHERE slack_user_id = $1 AND active LIMIT 1`,
    [slackUserId],
  );
  return row ?? null;
}

export async function collectorById(conn: SqlConn, id: number): Promise<SlackCollector | null> {
  const [row] = await conn.query<SlackCollector & Record<string, unknown>>(
    `SELECT ${COLLECTOR_COLUMNS} FROM collectors WHERE id = $1`,
    [id],
  );
  return row ?? null;
}

export type BindingPurpose = 'digests' | 'alerts' | 'team' | 'dm';

/** The team-wide channel bound for a purpose (the latest binding wins). */
export async function boundChannel(conn: SqlConn, purpose: BindingPurpose): Promise<string | null> {
  const [row] = await conn.query<{ channel: string }>(
    `SELECT channel_id AS channel FROM channel_bindings
      WHERE platform = 'slack' AND purpose = $1::"BindingPurpose" AND collector_id IS NULL
      ORDER BY updated_at DESC, id DESC LIMIT 1`,
    [purpose],
  );
  return row?.channel ?? null;
}

/** A collector's own channel for a purpose, if one was bound for them. */
export async function collectorChannel(
  conn: SqlConn,
  purpose: BindingPurpose,
  collectorId: number,
): Promise<string | null> {
  const [row] = await conn.query<{ channel: string }>(
    `SELECT channel_id AS channel FROM channel_bindings
      WHERE platform = 'slack' AND purpose = $1::"BindingPurpose" AND collector_id = $2
      ORDER BY updated_at DESC, id DESC LIMIT 1`,
    [purpose, collectorId],
  );
  return row?.channel ?? null;
}

/**
 * Binds `channel` to `purpose` for the workspace. The latest binding of a purpose wins (see
 * boundChannel); older ones stay as history. Running it twice changes nothing but the time.
 */
export async function bindChannel(
  conn: SqlConn,
  input: { workspaceId: string; channelId: string; purpose: BindingPurpose; collectorId?: number | null },
  who: { actor: string; source: string },
): Promise<void> {
  const collectorId = input.collectorId ?? null;
  await conn.query(
    `INSERT INTO channel_bindings (platform, workspace_id, channel_id, purpose, collector_id, actor, source, updated_at)
     VALUES ('slack', $1, $2, $3::"BindingPurpose", $4, $5, $6, now())
     ON CONFLICT (platform, workspace_id, channel_id, purpose)
     DO UPDATE SET collector_id = EXCLUDED.collector_id, actor = EXCLUDED.actor, source = EXCLUDED.source, updated_at = now()`,
    [input.workspaceId, input.channelId, input.purpose, collectorId, who.actor, who.source],
  );
  await conn.query(
    `INSERT INTO audit_events (actor, source, action, entity, entity_id, data)
     VALUES ($1, $2, 'channel.bind', 'channel_bindings', $3, $4::jsonb)`,
    [
      who.actor,
      who.source,
      input.channelId,
      JSON.stringify({ purpose: input.purpose, workspace: input.workspaceId }),
    ],
  );
}
