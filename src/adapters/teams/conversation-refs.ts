// Where the bot may speak first: the conversation reference of each collector's personal chat
// and of each channel it was added to, kept in channel_bindings (platform 'teams'). Refreshed on
// every install event and message, since Teams may move a tenant to another service URL.
import { type Activity, type ConversationReference, TurnContext } from 'botbuilder';
import {
  type BindingPurpose,
  conversationsFor,
  directConversationOf,
  forgetPlace,
  managersConversations,
  rememberPlace,
  type StoredConversationRow,
} from '../../app/chat-places.ts';
import type { ChatPlace } from '../../app/command-model.ts';
import type { AppDeps } from '../../app/deps.ts';

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

/** The conversation an activity came from, as the core knows places; null without an id. */
export function placeOf(activity: Partial<Activity>): ChatPlace | null {
  const ref = conversationRoot(TurnContext.getConversationReference(activity));
  const channelId = ref.conversation?.id;
  if (!channelId) return null;
  const type = activity.conversation?.conversationType;
  const channelName = (activity.channelData as { channel?: { name?: unknown } } | undefined)?.channel?.name;
  return {
    platform: 'teams',
    workspaceId: tenantOf(ref, activity.channelData),
    channelId,
    channelName: typeof channelName === 'string' ? channelName : null,
    kind: type === 'personal' ? 'direct' : 'channel',
    reference: ref,
  };
}

/** Forgets every binding of the conversation an activity came from (the app was removed there). */
export async function forgetConversation(deps: AppDeps, activity: Partial<Activity>): Promise<number> {
  const place = placeOf(activity);
  return place ? forgetPlace(deps, place) : 0;
}

function toStored(row: StoredConversationRow): StoredConversation | null {
  const ref = row.conversationRef as Partial<ConversationReference> | null;
  return ref?.serviceUrl && ref.conversation?.id
    ? { workspaceId: row.workspaceId, channelId: row.channelId, reference: ref }
    : null;
}

const stored = (rows: readonly StoredConversationRow[]): StoredConversation[] =>
  rows.map(toStored).filter((s): s is StoredConversation => s !== null);

/** A collector's channel for their digests, else their personal chat (if they ever installed or messaged the bot). */
export async function personalConversation(
  deps: AppDeps,
  collectorId: number,
): Promise<StoredConversation | null> {
  const row =
    (await directConversationOf(deps, 'teams', collectorId, 'digests')) ??
    (await directConversationOf(deps, 'teams', collectorId));
  return row ? toStored(row) : null;
}

/** Channels bound to a purpose (alerts, digests). */
export async function boundConversations(
  deps: AppDeps,
  purpose: BindingPurpose,
): Promise<StoredConversation[]> {
  return stored(await conversationsFor(deps, 'teams', purpose));
}

/** Personal chats of every active manager: where team-level posts go when no channel is bound. */
export async function managerConversations(deps: AppDeps): Promise<StoredConversation[]> {
  return stored(await managersConversations(deps, 'teams'));
}

/**
 * Keeps each person's direct chat with the bot up to date (Teams may move a tenant to another
 * service URL), skipping the write when this process already stored the same place. `remember`
 * is true when the chat was not known before: a new install, to be greeted once however many of
 * Teams' install activities arrive.
 */
export function conversationMemory(deps: AppDeps) {
  // Only an optimisation (another replica may write again); a change of service URL or collector
  // is stored at once.
  const stored = new Map<string, string>();
  return {
    async remember(
      activity: Partial<Activity>,
      collector: { id: number; code: string } | null,
      force = false,
    ): Promise<boolean> {
      const place = placeOf(activity);
      if (place?.kind !== 'direct') return false;
      const key = `${place.workspaceId}|${place.channelId}`;
      const value = `${(place.reference as Partial<ConversationReference>).serviceUrl}|${collector?.id ?? ''}`;
      if (!force && stored.get(key) === value) return false;
      const isNew = await rememberPlace(deps, place, 'dm', collector?.id ?? null, {
        actor: collector?.code ?? 'teams',
        source: 'teams',
      });
      if (stored.size > 50_000) stored.clear();
      stored.set(key, value);
      return isNew;
    },
    forgetAll(): void {
      stored.clear();
    },
  };
}

export type ConversationMemory = ReturnType<typeof conversationMemory>;
