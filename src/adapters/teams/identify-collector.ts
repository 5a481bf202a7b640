// Who is talking: the collector whose teams_user_id is the sender's Azure AD object id. A
// collector imported with only an e-mail is linked on first contact, when the Bot Connector's
// member lookup returns the same e-mail (or user principal name).
import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { AppDeps } from '../../app/deps.ts';
import type { Logger } from '../../shared/logger.ts';

export interface TeamsCollector {
  id: number;
  code: string;
  name: string;
  role: 'collector' | 'manager';
  timeZone: string;
}

const SELECT = { id: true, code: true, name: true, role: true, timeZone: true } as const;

export function aadObjectId(context: TurnContext): string | null {
  const id = context.activity.from?.aadObjectId;
  return typeof id === 'string' && id.trim() ? id.trim() : null;
}

export async function identifyCollector(
  deps: AppDeps,
  context: TurnContext,
  log: Logger,
): Promise<TeamsCollector | null> {
  const aad = aadObjectId(context);
  if (!aad) return null;
  const known = await deps.store.prisma.collector.findFirst({
    where: { teamsUserId: aad, active: true },
    select: SELECT,
  });
  if (known) return known;
  const emails = await memberEmails(context, log);
  if (!emails.length) return null;
  const candidates = await deps.store.prisma.collector.findMany({
    where: { teamsUserId: null, active: true, email: { in: emails, mode: 'insensitive' } },
    select: SELECT,
  });
  if (candidates.length !== 1) return null; // none, or an ambiguous e-mail: never guess
  const collector = candidates[0]!;
  await deps.store.prisma.collector.update({
    where: { id: collector.id },
    data: { teamsUserId: aad, actor: collector.code, source: 'teams' },
  });
  log.info({ collector: collector.code }, 'linked a Teams user to a collector by e-mail');
  return collector;
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
