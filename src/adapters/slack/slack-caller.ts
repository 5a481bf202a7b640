// Every Web API call the Slack surface makes goes through here: 429s wait for Retry-After, 5xx and
// network failures back off exponentially a bounded number of times, and posts to one channel are
// paced (Slack allows about one message per second per channel; web-api does not pace for us).
// A call that finally fails throws SlackCallError, whose message says what to fix.

import type { webApi } from '@slack/bolt';
import { ownEntry } from '../../domain/own-entry.ts';
import { AppError } from '../../shared/errors.ts';
import type { Logger } from '../../shared/logger.ts';

export interface SlackRetryPolicy {
  /** Tries in all, including the first. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Minimum gap between two posts to the same channel. */
  channelIntervalMs: number;
}

export const DEFAULT_RETRY_POLICY: SlackRetryPolicy = {
  attempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  channelIntervalMs: 1100,
};

export class SlackCallError extends AppError {
  constructor(
    readonly method: string,
    /** Slack's own error string (`channel_not_found`, `ratelimited`…). */
    readonly slackError: string,
    message: string,
    readonly retryable: boolean,
  ) {
    super('slack_call', message);
    this.name = 'SlackCallError';
  }
}

/** What an operator should do about a Slack platform error. */
const REMEDIES: Record<string, string> = {
  invalid_auth:
    'SLACK_BOT_TOKEN is not valid: copy the Bot User OAuth Token (xoxb-…) from the app’s OAuth & Permissions page',
  not_authed: 'SLACK_BOT_TOKEN is missing from the request: set it to the Bot User OAuth Token (xoxb-…)',
  account_inactive:
    'the bot token belongs to an uninstalled app or a deactivated user: reinstall the app and update SLACK_BOT_TOKEN',
  token_revoked: 'the bot token was revoked: reinstall the app and update SLACK_BOT_TOKEN',
  missing_scope:
    'the app lacks a scope: add it under OAuth & Permissions (see manifests/slack/manifest.yaml) and reinstall',
  channel_not_found:
    'the channel does not exist or the bot cannot see it: re-bind it with /callsheet bind, or invite the bot',
  not_in_channel: 'the bot is not in that channel: /invite @Callsheet there',
  is_archived: 'the channel is archived: bind another one with /callsheet bind',
  user_not_found:
    'the Slack user id on the collector record is wrong: fix slack_user_id in collectors.csv and re-import',
  cannot_dm_bot: 'the collector’s slack_user_id points at a bot: fix it in collectors.csv and re-import',
};

type Sleep = (ms: number) => Promise<void>;
const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

interface ClassifiedError {
  code: string;
  retryable: boolean;
  waitMs?: number;
  detail: string;
}

function classify(err: unknown): ClassifiedError {
  const e = err as {
    code?: string;
    retryAfter?: number;
    statusCode?: number;
    data?: { error?: string };
    message?: string;
  };
  switch (e?.code) {
    case 'slack_webapi_rate_limited_error':
      return {
        code: 'rate_limited',
        retryable: true,
        waitMs: (e.retryAfter ?? 1) * 1000,
        detail: `rate limited, Retry-After ${e.retryAfter}s`,
      };
    case 'slack_webapi_http_error':
      return {
        code: `http_${e.statusCode}`,
        retryable: (e.statusCode ?? 0) >= 500,
        detail: `HTTP ${e.statusCode} from Slack`,
      };
    case 'slack_webapi_request_error':
      return { code: 'request_failed', retryable: true, detail: `could not reach Slack (${e.message})` };
    case 'slack_webapi_platform_error': {
      const code = e.data?.error ?? 'unknown_error';
      const remedy = ownEntry(REMEDIES, code);
      // Slack's own transient errors are worth another try.
      const retryable = code === 'internal_error' || code === 'fatal_error' || code === 'service_unavailable';
      return { code, retryable, detail: remedy ? `${code}: ${remedy}` : code };
    }
    default:
      return { code: 'unexpected', retryable: false, detail: e?.message ?? String(err) };
  }
}

export class SlackCaller {
  private readonly nextSlot = new Map<string, number>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly log: Logger,
    private readonly policy: SlackRetryPolicy = DEFAULT_RETRY_POLICY,
    private readonly sleep: Sleep = realSleep,
  ) {}

  /** Calls `method`; pass `paceChannel` for posts so one channel gets at most one per interval. */
  async call<T = webApi.WebAPICallResult>(
    method: string,
    args: Record<string, unknown>,
    paceChannel?: string,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      if (paceChannel) await this.pace(paceChannel);
      try {
        return (await this.client.apiCall(method, args)) as T;
      } catch (err) {
        const c = classify(err);
        if (!c.retryable || attempt >= this.policy.attempts) {
          this.log.error({ method, code: c.code, attempts: attempt }, `Slack ${method} failed: ${c.detail}`);
          throw new SlackCallError(
            method,
            c.code,
            `Slack ${method} failed after ${attempt} attempt(s): ${c.detail}`,
            c.retryable,
          );
        }
        const backoff = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (attempt - 1));
        // Slack's Retry-After is honoured as given (up to 5 minutes); other failures back off.
        const waitMs = c.waitMs !== undefined ? Math.min(c.waitMs, 300_000) : backoff;
        this.log.warn({ method, code: c.code, attempt, waitMs }, `Slack ${method}: ${c.detail}; retrying`);
        await this.sleep(waitMs);
      }
    }
  }

  private async pace(channel: string): Promise<void> {
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot.get(channel) ?? 0);
    this.nextSlot.set(channel, slot + this.policy.channelIntervalMs);
    if (slot > now) await this.sleep(slot - now);
  }
}
