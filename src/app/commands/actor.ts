// Who is typing: a Slack or Teams user id mapped to a collector, or a collector code on the console.

import { collectorByUser } from '../../store/collectors.ts';
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

export async function findActor(conn: SqlConn, user: CommandRequest['user']): Promise<CommandActor | null> {
  const row = await collectorByUser(conn, user.platform, user.id);
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
      `Ask your collections manager to add ${user.id} as ${column} on your collector record (collectors.csv, then \`callsheet import\`).`,
    ],
  };
}
