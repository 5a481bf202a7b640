// Where the bot may speak first, per platform: channels bound to a purpose (digests, alerts, the
// team summary) and each collector's direct conversation; for Teams with the conversation reference
// a proactive post needs. The latest binding of a purpose wins; older ones stay as history.
import type { SqlConn } from './sql.ts';
import type { Who } from './who.ts';

export type BindingPurpose = 'digests' | 'alerts' | 'team' | 'dm';
export type ChatPlatform = 'slack' | 'teams';

/** The team-wide channel bound for a purpose (the latest binding wins). */
export async function boundChannel(
  conn: SqlConn,
  platform: ChatPlatform,
  purpose: BindingPurpose,
): Promise<string | null> {
  const [row] = await conn.query<{ channel: string }>(
    `SELECT channel_id AS channel FROM channel_bindings
      WHERE platform = $1::"Platform" AND purpose = $2::"BindingPurpose" AND collector_id IS NULL
      ORDER BY updated_at DESC, id DESC LIMIT 1`,
    [platform, purpose],
  );
  return row?.channel ?? null;
}

/** A collector's own channel for a purpose, if one was bound for them. */
export async function collectorChannel(
  conn: SqlConn,
  platform: ChatPlatform,
  purpose: BindingPurpose,
  collectorId: number,
): Promise<string | null> {
  const [row] = await conn.query<{ channel: string }>(
    `SELECT channel_id AS channel FROM channel_bindings
      WHERE platform = $1::"Platform" AND purpose = $2::"BindingPurpose" AND collector_id = $3
      ORDER BY updated_at DESC, id DESC LIMIT 1`,
    [platform, purpose, collectorId],
  );
  return row?.channel ?? null;
}

/**
 * Binds a channel to a purpose (with its conversation reference on Teams), recorded in the audit
 * trail. Running it twice changes nothing but the time. True when the binding is new: of two
 * concurrent first bindings exactly one is (the upsert serialises them).
 */
export async function bindChannel(
  conn: SqlConn,
  input: {
    platform: ChatPlatform;
    workspaceId: string;
    channelId: string;
    purpose: BindingPurpose;
    collectorId?: number | null;
    conversationRef?: unknown;
  },
  who: Who,
): Promise<boolean> {
  const [row] = await conn.query<{ inserted: boolean }>(
    `INSERT INTO channel_bindings (platform, workspace_id, channel_id, purpose, collector_id, conversation_ref, actor, source, updated_at)
     VALUES ($1::"Platform", $2, $3, $4::"BindingPurpose", $5, $6::jsonb, $7, $8, now())
     ON CONFLICT (platform, workspace_id, channel_id, purpose)
     DO UPDATE SET collector_id = EXCLUDED.collector_id, conversation_ref = coalesce(EXCLUDED.conversation_ref, channel_bindings.conversation_ref),
                   actor = EXCLUDED.actor, source = EXCLUDED.source, updated_at = now()
     RETURNING (xmax = 0) AS inserted`,
    [
      input.platform,
      input.workspaceId,
      input.channelId,
      input.purpose,
      input.collectorId ?? null,
      input.conversationRef === undefined ? null : JSON.stringify(input.conversationRef),
      who.actor,
      who.source,
    ],
  );
  await conn.query(
    `INSERT INTO audit_events (actor, source, action, entity, entity_id, data)
     VALUES ($1, $2, 'channel.bind', 'channel_bindings', $3, $4::jsonb)`,
    [
      who.actor,
      who.source,
      input.channelId,
      JSON.stringify({ platform: input.platform, purpose: input.purpose, workspace: input.workspaceId }),
    ],
  );
  return row?.inserted === true;
}

/** Removes a channel's bindings (all purposes, or one); how many went. */
export async function unbindChannel(
  conn: SqlConn,
  input: { platform: ChatPlatform; workspaceId: string; channelId: string; purpose?: BindingPurpose },
): Promise<number> {
  const rows = await conn.query(
    `DELETE FROM channel_bindings
      WHERE platform = $1::"Platform" AND workspace_id = $2 AND channel_id = $3
        AND ($4::text IS NULL OR purpose = $4::"BindingPurpose") RETURNING id`,
    [input.platform, input.workspaceId, input.channelId, input.purpose ?? null],
  );
  return rows.length;
}

export interface StoredConversationRow {
  workspaceId: string;
  channelId: string;
  conversationRef: unknown;
}

const CONVERSATION = `SELECT b.workspace_id AS "workspaceId", b.channel_id AS "channelId",
  b.conversation_ref AS "conversationRef" FROM channel_bindings b`;

/** Team-wide conversations bound to a purpose on a platform (not one collector's), oldest first. */
export async function boundConversations(
  conn: SqlConn,
  platform: ChatPlatform,
  purpose: BindingPurpose,
): Promise<StoredConversationRow[]> {
  return conn.query<StoredConversationRow & Record<string, unknown>>(
    `${CONVERSATION} WHERE b.platform = $1::"Platform" AND b.purpose = $2::"BindingPurpose" AND b.collector_id IS NULL
      ORDER BY b.id`,
    [platform, purpose],
  );
}

/**
 * A collector's conversation for a purpose (the latest): their direct chat with the bot ('dm'), or
 * a channel bound for their digests.
 */
export async function directConversation(
  conn: SqlConn,
  platform: ChatPlatform,
  collectorId: number,
  purpose: BindingPurpose = 'dm',
): Promise<StoredConversationRow | null> {
  const [row] = await conn.query<StoredConversationRow & Record<string, unknown>>(
    `${CONVERSATION} WHERE b.platform = $1::"Platform" AND b.purpose = $3::"BindingPurpose" AND b.collector_id = $2
      ORDER BY b.updated_at DESC, b.id DESC LIMIT 1`,
    [platform, collectorId, purpose],
  );
  return row ?? null;
}

/** The direct conversations of every active manager on a platform. */
export async function managerConversations(
  conn: SqlConn,
  platform: ChatPlatform,
): Promise<StoredConversationRow[]> {
  return conn.query<StoredConversationRow & Record<string, unknown>>(
    `${CONVERSATION} JOIN collectors k ON k.id = b.collector_id
      WHERE b.platform = $1::"Platform" AND b.purpose = 'dm' AND k.role = 'manager' AND k.active ORDER BY b.id`,
    [platform],
  );
}
