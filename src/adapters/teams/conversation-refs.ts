// Where the bot may speak first: the conversation reference of each collector's personal chat
// and of each channel it was added to, kept in channel_bindings (platform 'teams'). Refreshed on
// every install event and message, since Teams may move a tenant to another service URL.
import type { ConversationReference } from 'botbuilder';
import type { AppDeps } from '../../app/deps.ts';
import {
  type BindingPurpose,
  bindChannel,
  boundConversations as boundConversationRows,
  directConversation,
  managerConversations as managerConversationRows,
  type StoredConversationRow,
  unbindChannel,
} from '../../store/bindings.ts';

export type { BindingPurpose };

export interface StoredConversation {
  workspaceId: string;
  channelId: string;
  reference: Partial<ConversationReference>;
}

/** A reference to the conversation itself, not to the message or thread it was taken from. */
export function conversationRoot(ref: Partial<ConversationReference>): Partial<ConversationReference> {
  const { activityId: _activityId, ...rest } = ref;
  const conversation = rest.conversation
    ? { ...rest.conversation, id: rest.conversation.id.replace(/;messageid=\d+$/, '') }
    : undefined;
  return conversation ? { ...rest, conversation } : rest;
}

export function tenantOf(ref: Partial<ConversationReference>, channelData?: unknown): string {
  const fromData = (channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  return ref.conversation?.tenantId ?? (typeof fromData === 'string' ? fromData : 'unknown-tenant');
}

export async function saveBinding(
  deps: AppDeps,
  input: {
    purpose: BindingPurpose;
    ref: Partial<ConversationReference>;
    tenantId: string;
    collectorId: number | null;
    actor: string;
  },
): Promise<void> {
  const ref = conversationRoot(input.ref);
  const channelId = ref.conversation?.id;
  if (!channelId) return;
  await bindChannel(
    deps.store.sql,
    {
      platform: 'teams',
      workspaceId: input.tenantId,
      channelId,
      purpose: input.purpose,
      collectorId: input.collectorId,
      conversationRef: ref,
    },
    { actor: input.actor, source: 'teams' },
  );
}

export async function removeBinding(
  deps: AppDeps,
  input: { ref: Partial<ConversationReference>; tenantId: string; purpose?: BindingPurpose },
): Promise<number> {
  const channelId = conversationRoot(input.ref).conversation?.id;
  if (!channelId) return 0;
  return unbindChannel(deps.store.sql, {
    platform: 'teams',
    workspaceId: input.tenantId,
    channelId,
    ...(input.purpose ? { purpose: input.purpose } : {}),
  });
}

function toStored(row: StoredConversationRow): StoredConversation | null {
  const ref = row.conversationRef as Partial<ConversationReference> | null;
  return ref?.serviceUrl && ref.conversation?.id
    ? { workspaceId: row.workspaceId, channelId: row.channelId, reference: ref }
    : null;
}

const stored = (rows: readonly StoredConversationRow[]): StoredConversation[] =>
  rows.map(toStored).filter((s): s is StoredConversation => s !== null);

/** The personal chat of a collector, if they ever installed or messaged the bot. */
export async function personalConversation(
  deps: AppDeps,
  collectorId: number,
): Promise<StoredConversation | null> {
  const row = await directConversation(deps.store.sql, 'teams', collectorId);
  return row ? toStored(row) : null;
}

/** Channels bound to a purpose (alerts, digests). */
export async function boundConversations(
  deps: AppDeps,
  purpose: BindingPurpose,
): Promise<StoredConversation[]> {
  return stored(await boundConversationRows(deps.store.sql, 'teams', purpose));
}

/** Personal chats of every active manager: where team-level posts go when no channel is bound. */
export async function managerConversations(deps: AppDeps): Promise<StoredConversation[]> {
  return stored(await managerConversationRows(deps.store.sql, 'teams'));
}
