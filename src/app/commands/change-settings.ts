// `settings [set <setting> <value> | reset <setting>]` (managers): the same validated changes as
// `callsheet settings`, recorded with who made them and from where.
import { UserError } from '../../shared/errors.ts';
import { changeSetting, describeSetting, listSettings, resetSetting } from '../business-settings.ts';
import type { AppDeps } from '../deps.ts';
import type { Reply } from '../reply.ts';
import { type CommandActor, managersOnly } from './actor.ts';
import { errorReply, failureReply } from './replies.ts';

export async function changeSettings(deps: AppDeps, actor: CommandActor, text: string): Promise<Reply> {
  const refused = managersOnly(actor, 'see or change the settings');
  if (refused) return refused;
  const conn = deps.store.sql;
  const [verb = '', path = '', ...value] = text.trim().split(/\s+/);
  const who = { actor: actor.code, source: actor.source };
  if (verb === 'set' || verb === 'reset') {
    if (!path || (verb === 'set' && !value.length))
      return errorReply(
        'Say which setting: `settings set policy.lateness.lateDays 45` (or `reset <setting>`).',
      );
    try {
      const line = await conn.transaction((tx) =>
        verb === 'set' ? changeSetting(tx, path, value.join(' '), who) : resetSetting(tx, path, who),
      );
      return { tone: 'ok', title: describeSetting(line), private: true };
    } catch (err) {
      if (err instanceof UserError) return failureReply(err);
      throw err;
    }
  }
  if (verb)
    return errorReply(`'${verb}' is not a settings command.`, [
      'Say `settings`, `settings set <setting> <value>` or `settings reset <setting>`.',
    ]);
  const lines = await listSettings(conn);
  const changed = lines.filter((l) => l.stored);
  return {
    tone: 'info',
    title: changed.length
      ? `${changed.length} of ${lines.length} settings differ from the defaults:`
      : `All ${lines.length} settings use their defaults.`,
    ...(changed.length
      ? {
          table: {
            columns: ['setting', 'value', 'default'],
            rows: changed.map((l) => [l.path, l.value, l.defaultValue]),
          },
        }
      : {}),
    lines: [
      'Change one: `settings set <setting> <value>`; back to the default: `settings reset <setting>`. `callsheet settings` on the server lists them all.',
    ],
    private: true,
  };
}
