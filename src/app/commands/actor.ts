// Who is typing: a Slack or Teams user id mapped to a collector, or a collector code on the console.

import type { SqlConn } from '../../store/sql.ts';
import type { CommandRequest } from '../command-model.ts';

export interface CommandActor {
  id: number;
  code: string;
  name: string;
  role: 'collector' | 'manager';
  timeZone: string;
  source: CommandRequest['user']['platform'];
}

const COLUMN = { slack: 'slack_user_id', teams: 'teams_user_id', console: 'code', cli: 'code' } as const;

export async function findActor(conn: SqlConn, user: CommandRequest['user']): Promise<CommandActor | null> {
  const column = COLUMN[user.platform];
  if (!column) return null;
  const match = column === 'code' ? 'lower(code) = lower($1)' : `${column} = $1`;
  const [row] = await conn.query<Omit<CommandActor, 'source'>>(
    `SELECT id, code, name, role::text AS role, time_zone AS "timeZone"
       FROM collectors WHERE ${match} AND active ORDER BY id LIMIT 1`,
    [user.id.trim()],
  );
  return row ? { ...row, source: user.platform } : null;
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
  const column = COLUMN[user.platform];
  return {
    title: `You are not linked to a collector yet (your ${user.platform === 'slack' ? 'Slack' : 'Teams'} user id is ${user.id}).`,
    lines: [
      `Ask your collections manager to add ${user.id} as ${column} on your collector record (collectors.csv, then \`callsheet import\`).`,
    ],
  };
}
