// The request every surface hands to the command core (runCommand in src/app/commands/).

import { ownEntry } from '../domain/own-entry.ts';
import type { Source } from './deps.ts';

export const COMMAND_NAMES = [
  'logcall',
  'calls',
  'account',
  'promises',
  'undo',
  'assign',
  'hold',
  'release',
  'sheet',
  'bind',
  'unbind',
  'settings',
  'digest',
  'help',
] as const;

export type CommandName = (typeof COMMAND_NAMES)[number];

const ALIASES: Readonly<Record<string, CommandName>> = {
  log: 'logcall',
  call: 'logcall',
  mycalls: 'calls',
  acct: 'account',
  a: 'account',
  promise: 'promises',
  ptp: 'promises',
  '?': 'help',
};

/** The command a typed word names (`/logcall`, `acct`, `?`), or null. */
export function commandNamed(word: string): CommandName | null {
  const w = word.trim().replace(/^\//, '').toLowerCase();
  if ((COMMAND_NAMES as readonly string[]).includes(w)) return w as CommandName;
  return ownEntry(ALIASES, w) ?? null;
}

export interface CommandRequest {
  /**
   * The command as the surface received it, and the text after it (`/logcall ACME promised 5/30` →
   * '/logcall', 'ACME promised 5/30'); '' or 'callsheet' when the command is the text's first word.
   * The core resolves it with `commandNamed`.
   */
  command: string;
  text: string;
  /** Who typed it: a platform user id (Slack U…, Teams AAD object id) or, on the console, a collector code. */
  user: ChatUser;
  /** Platform-supplied unique id of this request, so a retried request records once. */
  idempotencyKey: string;
  /** Where it was typed; commands that act on the conversation itself (bind) need it. */
  place?: ChatPlace;
}

/** The user as a surface knows them: a platform id and, where the platform tells, their e-mails. */
export interface ChatUser {
  platform: Extract<Source, 'slack' | 'teams' | 'console' | 'cli'>;
  id: string;
  /**
   * The person's e-mail addresses as the chat platform reports them, asked only when the id is not
   * linked yet: a collector imported with an e-mail is linked on first contact.
   */
  emails?: () => Promise<string[]>;
}

/** A conversation: a channel, or a direct chat with the bot. */
export interface ChatPlace {
  platform: 'slack' | 'teams';
  /** Slack team id or Teams tenant id. */
  workspaceId: string;
  /** The channel or conversation id. */
  channelId: string;
  /** Its name as shown ("digests"), when the surface knows it. */
  channelName?: string | null;
  kind: 'channel' | 'direct';
  /** What the surface needs to post there later (Teams: the conversation reference). */
  reference?: unknown;
}
