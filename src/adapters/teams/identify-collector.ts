// Who is talking: the collector whose teams_user_id is the sender's Azure AD object id. A
// collector imported with only an e-mail is linked on first contact, when the Bot Connector's
// member lookup returns the same e-mail (or user principal name).
import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { AppDeps } from '../../app/deps.ts';
import type { Logger } from '../../shared/logger.ts';
import { type CollectorRow, collectorByUser, linkTeamsUserByEmail } from '../../store/collectors.ts';

export interface TeamsCollector {
  id: number;
  code: string;
  name: string;
  role: 'collector' | 'manager';
  timeZone: string;
}

export function aadObjectId(context: TurnContext): string | null {
  const id = context.activity.from?.aadObjectId;
  return typeof id === 'string' && id.trim() ? id.trim() : null;
}

const asTeamsCollector = (c: CollectorRow): TeamsCollector => ({
  id: c.id,
  code: c.code,
  name: c.name,
  role: c.role,
  timeZone: c.timeZone,
});

export async function identifyCollector(
  deps: AppDeps,
  context: TurnContext,
  log: Logger,
): Promise<TeamsCollector | null> {
  const aad = aadObjectId(context);
  if (!aad) return null;
  const known = await collectorByUser(deps.store.sql, 'teams', aad);
  if (known) return asTeamsCollector(known);
  const emails = await memberEmails(context, log);
  if (!emails.length) return null;
  const linked = await linkTeamsUserByEmail(deps.store.sql, aad, emails);
  if (!linked) return null; // none, or an ambiguous e-mail: never guess
  log.info({ collector: linked.code }, 'linked a Teams user to a collector by e-mail');
  return asTeamsCollector(linked);
}

async function memberEmails(context: TurnContext, log: Logger): Promise<string[]> {
  const userId = context.activity.from?.id;
  if (!userId) return [];
  try {
    const member = await TeamsInfo.getMember(context, userId);
    return [member.email, member.userPrincipalName]
      .filter((v): v is string => typeof v === 'string' && v.includes('@'))
      .map((v) => v.toLowerCase());
  } catch (err) {
    log.debug({ err: (err as Error).message }, 'Teams member lookup failed; user stays unknown');
    return [];
  }
}
