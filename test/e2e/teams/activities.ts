// Builders of the Bot Framework activities Teams posts to /api/messages, with fixed defaults
// (one tenant, one bot) so a test states only what matters to it.
import { randomUUID } from 'node:crypto';

export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const BOT = { id: '28:callsheet-bot', name: 'Callsheet' };

export interface TeamsUser {
  /** 29:… Teams user id (per bot). */
  id: string;
  aadObjectId: string;
  name: string;
}

export function teamsUser(n: number, aadObjectId?: string): TeamsUser {
  return {
    id: `29:user-${n}`,
    aadObjectId: aadObjectId ?? `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    name: `User ${n}`,
  };
}

export interface Where {
  serviceUrl: string;
  /** 'personal' (1:1 chat) or 'channel'. */
  scope?: 'personal' | 'channel';
  conversationId?: string;
}

function conversation(user: TeamsUser, where: Where) {
  const scope = where.scope ?? 'personal';
  const id =
    where.conversationId ??
    (scope === 'personal' ? `a:1personal-${user.id.slice(3)}` : '19:general@thread.tacv2');
  return {
    conversation: {
      id,
      conversationType: scope,
      tenantId: TENANT,
      ...(scope === 'channel' ? { isGroup: true } : {}),
    },
    channelData: {
      tenant: { id: TENANT },
      ...(scope === 'channel'
        ? { team: { id: '19:team@thread.tacv2', name: 'Collections' }, channel: { id: id.split(';')[0] } }
        : {}),
    },
  };
}

function base(user: TeamsUser, where: Where) {
  return {
    id: `f:${randomUUID()}`,
    channelId: 'msteams',
    serviceUrl: where.serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    recipient: BOT,
    locale: 'en-US',
    ...conversation(user, where),
  };
}

export function message(user: TeamsUser, text: string, where: Where) {
  const inChannel = where.scope === 'channel';
  return {
    ...base(user, where),
    type: 'message',
    textFormat: 'plain',
    text: inChannel ? `<at>${BOT.name}</at> ${text}` : text,
    ...(inChannel
      ? {
          entities: [
            { type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: { id: BOT.id, name: BOT.name } },
          ],
        }
      : {}),
  };
}

/** An Action.Submit: a message with the button's data merged with the form's inputs. */
export function submit(
  user: TeamsUser,
  value: Record<string, unknown>,
  where: Where & { replyToId?: string },
) {
  return {
    ...base(user, where),
    type: 'message',
    value,
    ...(where.replyToId ? { replyToId: where.replyToId } : {}),
  };
}

/** An Action.Execute (Universal Actions) invoke. */
export function execute(
  user: TeamsUser,
  verb: string,
  data: Record<string, unknown>,
  where: Where & { replyToId?: string },
) {
  return {
    ...base(user, where),
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    ...(where.replyToId ? { replyToId: where.replyToId } : {}),
  };
}

/** The bot added to a personal scope or a team. */
export function installed(user: TeamsUser, where: Where) {
  return {
    ...base(user, where),
    type: 'conversationUpdate',
    membersAdded: [{ id: BOT.id }],
  };
}

export function installationUpdate(user: TeamsUser, action: 'add' | 'remove', where: Where) {
  return { ...base(user, where), type: 'installationUpdate', action };
}

export async function post(botUrl: string, activity: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
}
