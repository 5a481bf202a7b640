// Who is typing: a Slack or Teams user id mapped to a collector, or a collector code on the console.
// The one look-up of a person for every surface; a Teams user not linked yet is linked here by the
// e-mail Teams reports, when exactly one collector has it.

import { fail, ok, type Result } from '../../domain/result.ts';
import {
  type CollectorRow,
  collectorByUser,
  collectorsMatching,
  linkTeamsUserByEmail,
} from '../../store/collectors.ts';
import type { SqlConn } from '../../store/sql.ts';
import type { ChatUser, CommandRequest } from '../command-model.ts';
import type { Reply } from '../reply.ts';
import { errorReply } from './replies.ts';

export interface CommandActor {
  id: number;
  code: string;
  name: string;
  role: 'collector' | 'manager';
  timeZone: string;
  source: CommandRequest['user']['platform'];
}

export async function findActor(conn: SqlConn, user: ChatUser): Promise<CommandActor | null> {
  const row = (await collectorByUser(conn, user.platform, user.id)) ?? (await linkByEmail(conn, user));
  return row
    ? {
        id: row.id,
        code: row.code,
        name: row.name,
        role: row.role,
        timeZone: row.timeZone,
        source: user.platform,
      }
    : null;
}

/** What an unknown user is told: who they are to us and how to get linked. */
export function notLinkedMessage(user: CommandRequest['user']): { title: string; lines: string[] } {
  if (user.platform === 'console' || user.platform === 'cli')
    return {
      title: `No collector has the code '${user.id}'.`,
      lines: [
        'Use a collector code from your team (e.g. `--as ava`), or import collectors.csv with `callsheet import`.',
      ],
    };
  const column = user.platform === 'slack' ? 'slack_user_id' : 'teams_user_id';
  return {
    title: `You are not linked to a collector yet (your ${user.platform === 'slack' ? 'Slack' : 'Teams'} user id is ${user.id}).`,
    lines: [
      `Ask your collections manager to add ${user.id} as ${column} on your collector record (collectors.csv, then \`callsheet import\`)${user.platform === 'teams' ? ', or to give it the e-mail you use in Teams' : ''}.`,
    ],
  };
}

async function linkByEmail(conn: SqlConn, user: ChatUser) {
  if (user.platform !== 'teams' || !user.emails) return null;
  const emails = await user.emails();
  return emails.length ? linkTeamsUserByEmail(conn, user.id, emails) : null;
}

/** The refusal a collector gets for a manager's command, or null for a manager. */
export function managersOnly(actor: CommandActor, what: string): Reply | null {
  if (actor.role === 'manager') return null;
  return errorReply(`Only managers can ${what}.`, [
    `You are signed in as ${actor.name} (${actor.code}), a collector; ask your manager, or have your role set to manager in collectors.csv.`,
  ]);
}

/** The one active collector a typed name means (`ava`, `@ava`, `Ava Chen`), or why not. */
export async function findCollector(conn: SqlConn, typed: string): Promise<Result<CollectorRow, Reply>> {
  const wanted = typed.trim().replace(/^@/, '');
  const collectors = await collectorsMatching(conn, wanted);
  const one =
    collectors.length === 1 || collectors[0]?.code.toLowerCase() === wanted.toLowerCase()
      ? collectors[0]
      : undefined;
  if (one) return ok(one);
  return fail(
    errorReply(
      collectors.length
        ? `'${wanted}' matches several collectors: ${collectors.map((c) => `${c.name} (${c.code})`).join(', ')}.`
        : `No collector '${wanted}'.`,
      ['Name a collector by code, e.g. `ava`.'],
    ),
  );
}
