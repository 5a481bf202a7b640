// `sheet [collector]`: today's call sheet with its row buttons — your own, or (managers) a
// collector's. The reply carries the sheet itself, so each surface can draw it its own way (Block
// Kit rows, Adaptive Cards); the text is what the console prints.
import { collectorSheet } from '../collector-sheet.ts';
import type { AppDeps } from '../deps.ts';
import type { Reply } from '../reply.ts';
import { type CommandActor, findCollector, managersOnly } from './actor.ts';
import { infoReply } from './replies.ts';
import { sheetReply } from './sheet-reply.ts';

export async function showSheet(deps: AppDeps, actor: CommandActor, text: string): Promise<Reply> {
  const wanted = text.trim();
  let who: { code: string; name: string; role: CommandActor['role'] } = actor;
  if (wanted && wanted.replace(/^@/, '').toLowerCase() !== actor.code.toLowerCase()) {
    const refused = managersOnly(actor, "see another collector's sheet");
    if (refused) return refused;
    const named = await findCollector(deps.store.sql, wanted);
    if (!named.ok) return named.error;
    who = named.value;
  }
  const sheet = await collectorSheet(deps, who.code);
  if (sheet) return { ...sheetReply(sheet), sheet };
  return infoReply(
    `${who.name} has no call sheet today.`,
    who.role === 'manager'
      ? [
          'Managers carry no accounts of their own: `calls` shows the team, `sheet <collector>` a collector’s sheet.',
        ]
      : [],
  );
}
