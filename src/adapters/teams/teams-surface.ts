// The Teams surface of `callsheet serve`: on when MICROSOFT_APP_ID is set (production) or when
// TEAMS_ALLOW_UNAUTHENTICATED=true on a loopback address (local trials, tests).
import { type ChatCore, chatCore } from '../../app/chat-core.ts';
import { outreachChatOptions } from '../../server/smtp-mailer.ts';
import type { SurfaceFactory } from '../../server/surface.ts';
import { type BotEndpoints, resolveBotAuth } from './bot-auth.ts';
import { messagesEndpoint } from './messages-endpoint.ts';
import { createTeamsBot, type TeamsBot } from './teams-bot.ts';
import { teamsPublisher } from './teams-publisher.ts';

export interface TeamsSurfaceOptions {
  /** Use cases to call; the real command core by default. */
  core?: ChatCore;
  /** Bot Framework token endpoints; tests point them at local servers. */
  endpoints?: BotEndpoints;
  /** Called with the bot once built, e.g. to hand its publisher to the scheduler. */
  onReady?: (bot: TeamsBot) => void;
}

export function teamsSurface(options: TeamsSurfaceOptions = {}): SurfaceFactory {
  return async ({ deps, config, log, listen }) => {
    const auth = resolveBotAuth(config, listen?.host ?? config.HOST, options.endpoints);
    if (!auth) return null;
    const teamsLog = log.child({ surface: 'teams' });
    if (auth.mode === 'local') {
      teamsLog.warn(
        'Teams runs WITHOUT authentication (TEAMS_ALLOW_UNAUTHENTICATED=true): anyone on this machine can act as any Teams user. For trials and tests only; set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD in production.',
      );
    } else {
      teamsLog.info({ appType: config.MICROSOFT_APP_TYPE }, 'Teams bot tokens are validated');
    }
    const core = options.core ?? chatCore(deps, teamsLog);
    const bot = createTeamsBot({ deps, core, auth, log: teamsLog, outreach: outreachChatOptions(config) });
    options.onReady?.(bot);
    return {
      name: 'teams',
      routes: { '/api/messages': messagesEndpoint(bot, auth, teamsLog) },
      publisher: teamsPublisher(deps, bot),
      // Teams calls in over HTTP: mounted means reachable; token checks happen per request.
      health: () => ({ status: 'up', mode: 'http', auth: auth.mode }),
    };
  };
}
