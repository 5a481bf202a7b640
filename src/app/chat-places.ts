// Where the bot may speak first, as the surfaces ask for it: channels bound to a purpose, each
// collector's direct conversation, and the conversation references Teams needs for a proactive
// post. Surfaces reach the bindings only through here.

import {
  type BindingPurpose,
  bindChannel,
  boundChannel,
  boundConversations,
  type ChatPlatform,
  collectorChannel,
  directConversation,
  managerConversations,
  type StoredConversationRow,
  unbindChannel,
} from '../store/bindings.ts';
import { collectorById } from '../store/collectors.ts';
import type { Who } from '../store/who.ts';
import type { ChatPlace } from './command-model.ts';
import type { AppDeps } from './deps.ts';

export type { BindingPurpose, ChatPlatform, StoredConversationRow };

/**
 * Remembers a conversation for a purpose (a collector's direct chat: 'dm'). True when it was not
 * known before, so a surface greets a new install once however many install events arrive.
 */
export function rememberPlace(
  deps: AppDeps,
  place: ChatPlace,
  purpose: BindingPurpose,
  collectorId: number | null,
  who: Who,
): Promise<boolean> {
  return bindChannel(
    deps.store.sql,
    {
      platform: place.platform,
      workspaceId: place.workspaceId,
      channelId: place.channelId,
      purpose,
      collectorId,
      ...(place.reference === undefined ? {} : { conversationRef: place.reference }),
    },
    who,
  );
}

/** Forgets a conversation (every purpose, or one); how many bindings went. */
export function forgetPlace(deps: AppDeps, place: ChatPlace, purpose?: BindingPurpose): Promise<number> {
  return unbindChannel(deps.store.sql, {
    platform: place.platform,
    workspaceId: place.workspaceId,
    channelId: place.channelId,
    ...(purpose ? { purpose } : {}),
  });
}

export const teamChannel = (deps: AppDeps, platform: ChatPlatform, purpose: BindingPurpose) =>
  boundChannel(deps.store.sql, platform, purpose);

export const collectorsOwnChannel = (
  deps: AppDeps,
  platform: ChatPlatform,
  purpose: BindingPurpose,
  collectorId: number,
) => collectorChannel(deps.store.sql, platform, purpose, collectorId);

export const collectorOf = (deps: AppDeps, id: number) => collectorById(deps.store.sql, id);

export const conversationsFor = (deps: AppDeps, platform: ChatPlatform, purpose: BindingPurpose) =>
  boundConversations(deps.store.sql, platform, purpose);

export const directConversationOf = (
  deps: AppDeps,
  platform: ChatPlatform,
  collectorId: number,
  purpose: BindingPurpose = 'dm',
) => directConversation(deps.store.sql, platform, collectorId, purpose);

export const managersConversations = (deps: AppDeps, platform: ChatPlatform) =>
  managerConversations(deps.store.sql, platform);
