// The Slack surface of `callsheet serve`: a Bolt app mounted on the shared HTTP server at
// /slack/events (POST only; signatures always verified, timestamps within 5 minutes either way),
// or connected over Socket Mode when SLACK_APP_TOKEN is set. Off (null) when no Slack setting is
// present.
import { App, HTTPReceiver, SocketModeReceiver, webApi } from '@slack/bolt';
import { type ChatCore, chatCore } from '../../app/chat-core.ts';
import type { Config } from '../../config.ts';
import type { RouteHandler } from '../../server/http-server.ts';
import { outreachChatOptions } from '../../server/smtp-mailer.ts';
import type { Surface, SurfaceContext } from '../../server/surface.ts';
import { UserError } from '../../shared/errors.ts';
import { ACK_BUDGET_MS, BackgroundWork } from './answer-in-time.ts';
import { boltLogger } from './bolt-logger.ts';
import { slackEventsRoute } from './events-route.ts';
import type { SlackHandlerContext } from './handler-context.ts';
import { registerInteractivity } from './interactivity.ts';
import { registerOutreachActions } from './outreach-actions.ts';
import { DEFAULT_RETRY_POLICY, SlackCallError, SlackCaller, type SlackRetryPolicy } from './slack-caller.ts';
import { createSlackPublisher } from './slack-publisher.ts';
import { registerSlashCommands } from './slash-commands.ts';

export const SLACK_EVENTS_PATH = '/slack/events';

export type SlackMode =
  | { mode: 'http'; botToken: string; signingSecret: string; apiUrl: string | undefined }
  | { mode: 'socket'; botToken: string; appToken: string; apiUrl: string | undefined };

/** Which way to talk to Slack, from the environment; null when Slack is not configured at all. */
export function slackMode(config: Config): SlackMode | null {
  const {
    SLACK_BOT_TOKEN: botToken,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_APP_TOKEN: appToken,
  } = config;
  if (!botToken && !signingSecret && !appToken) return null;
  if (!botToken) {
    throw new UserError(
      'SLACK_BOT_TOKEN is missing: set it to the Bot User OAuth Token (xoxb-…) from your Slack app’s OAuth & Permissions page, or unset the other SLACK_* variables to run without Slack',
    );
  }
  if (appToken) return { mode: 'socket', botToken, appToken, apiUrl: config.SLACK_API_URL };
  if (!signingSecret) {
    throw new UserError(
      'SLACK_SIGNING_SECRET is missing: set it to the Signing Secret from your Slack app’s Basic Information page (or set SLACK_APP_TOKEN to use Socket Mode)',
    );
  }
  return { mode: 'http', botToken, signingSecret, apiUrl: config.SLACK_API_URL };
}

export interface SlackSurfaceOptions {
  /** Replaces the core (tests of the adapter alone); default: the real one. */
  core?: ChatCore;
  retryPolicy?: SlackRetryPolicy;
  /** Default ACK_BUDGET_MS. */
  ackBudgetMs?: number;
}

export interface SlackSurface extends Surface {
  caller: SlackCaller;
  publisher: ReturnType<typeof createSlackPublisher>;
}

export async function createSlackSurface(
  { deps, config, log }: SurfaceContext,
  options: SlackSurfaceOptions = {},
): Promise<SlackSurface | null> {
  const mode = slackMode(config);
  if (!mode) return null;
  const logger = boltLogger(log);
  // Retries are ours (SlackCaller): web-api's own would hide 429s and never retry 5xx.
  const clientOptions: webApi.WebClientOptions = {
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    ...(mode.apiUrl ? { slackApiUrl: mode.apiUrl } : {}),
  };
  const policy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
  // Who the bot is, asked once here: a rejected token stops start-up with the fix, and Bolt is
  // given the answer so it makes no auth.test calls of its own.
  const identity = await whoAmI(
    new SlackCaller(new webApi.WebClient(mode.botToken, { ...clientOptions, logger }), log, policy),
  );
  let route: RouteHandler | undefined;
  let app: App;
  // Socket Mode: the connection's last state, for /healthz (HTTP mode has no connection to watch).
  let socket = 'not started';
  if (mode.mode === 'http') {
    const receiver = new HTTPReceiver({
      signingSecret: mode.signingSecret,
      endpoints: SLACK_EVENTS_PATH,
      logger,
      signatureVerification: true,
      processBeforeResponse: false,
    });
    app = new App({ token: mode.botToken, ...identity, receiver, logger, clientOptions });
    route = slackEventsRoute(receiver, log);
  } else {
    const receiver = new SocketModeReceiver({
      appToken: mode.appToken,
      logger,
      installerOptions: { clientOptions },
    });
    for (const state of ['connecting', 'connected', 'reconnecting', 'disconnecting', 'disconnected'])
      receiver.client.on(state, () => {
        socket = state;
      });
    app = new App({ token: mode.botToken, ...identity, receiver, logger, clientOptions });
  }
  const caller = new SlackCaller(app.client, log, policy);
  const background = new BackgroundWork((err) => log.error({ err }, 'Slack background delivery failed'));
  const ctx: SlackHandlerContext = {
    deps,
    core: options.core ?? chatCore(deps, log),
    caller,
    log,
    background,
    ackBudgetMs: options.ackBudgetMs ?? ACK_BUDGET_MS,
  };
  registerSlashCommands(app, ctx);
  registerInteractivity(app, ctx);
  registerOutreachActions(app, ctx, outreachChatOptions(config));
  app.error(async (err) => {
    log.error({ err }, 'Slack handler failed');
  });

  return {
    name: mode.mode === 'http' ? 'slack' : 'slack (socket mode)',
    ...(route ? { routes: { [SLACK_EVENTS_PATH]: route } } : {}),
    caller,
    publisher: createSlackPublisher(deps, caller),
    health: () =>
      mode.mode === 'socket'
        ? { status: socket === 'connected' ? 'up' : 'down', mode: 'socket', connection: socket }
        : { status: 'up', mode: 'http' },
    async start() {
      if (mode.mode === 'socket') await app.start();
    },
    async stop() {
      if (mode.mode === 'socket') await app.stop();
      await background.drain();
    },
  };
}

/** The bot's ids from auth.test; any failure stops start-up with what to check. */
async function whoAmI(caller: SlackCaller): Promise<{ botId: string; botUserId: string }> {
  try {
    const res = await caller.call<{ bot_id?: string; user_id?: string }>('auth.test', {});
    if (!res.bot_id || !res.user_id) {
      throw new UserError('SLACK_BOT_TOKEN is not a bot token: use the Bot User OAuth Token (xoxb-…)');
    }
    return { botId: res.bot_id, botUserId: res.user_id };
  } catch (err) {
    if (err instanceof SlackCallError) {
      throw new UserError(
        err.retryable ? `${err.message}. Check the network, proxy and SLACK_API_URL.` : err.message,
      );
    }
    throw err;
  }
}
