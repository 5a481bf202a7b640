// Builders for the requests Slack sends to /slack/events, signed the way Slack signs them
// (v0: HMAC-SHA256 over `v0:{timestamp}:{raw body}` with the app's signing secret).
import { createHmac } from 'node:crypto';
import { FAKE_TEAM_ID, type FakeSlack } from './fake-slack.ts';

export const TEST_SIGNING_SECRET = '8f742231b10e8888abcd99e0e0e085a5';
export const TEST_BOT_TOKEN = 'xoxb-0000-test-token';

/** The settings that point a Callsheet at the fake Slack, in HTTP mode. */
export const slackEnv = (fake: Pick<FakeSlack, 'apiUrl'>): Record<string, string> => ({
  SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
  SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
  SLACK_API_URL: fake.apiUrl,
});

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignOptions {
  secret?: string;
  /** Unix seconds; default now. */
  timestamp?: number;
  /** Overrides the computed signature (forgeries). */
  signature?: string | null;
  retryNum?: number;
}

export function signedHeaders(body: string, options: SignOptions = {}): Record<string, string> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestamp),
  };
  const signature =
    options.signature === undefined
      ? slackSignature(options.secret ?? TEST_SIGNING_SECRET, timestamp, body)
      : options.signature;
  if (signature !== null) headers['x-slack-signature'] = signature;
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  return headers;
}

export interface SlashCommandFields {
  command: string;
  text?: string;
  user_id?: string;
  user_name?: string;
  channel_id?: string;
  channel_name?: string;
  response_url: string;
  trigger_id?: string;
}

let triggerSeq = 0;
export const nextTriggerId = () => `${Date.now()}.${++triggerSeq}.abcdef0123456789`;

export function slashCommand(fields: SlashCommandFields): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: FAKE_TEAM_ID,
    team_domain: 'callsheet-test',
    channel_id: fields.channel_id ?? 'C0GENERAL',
    channel_name: fields.channel_name ?? 'general',
    user_id: fields.user_id ?? 'U0JANE',
    user_name: fields.user_name ?? 'jane',
    command: fields.command,
    text: fields.text ?? '',
    api_app_id: 'A0CALLSHEET',
    response_url: fields.response_url,
    trigger_id: fields.trigger_id ?? nextTriggerId(),
  }).toString();
}

export interface BlockActionFields {
  action_id: string;
  value: string;
  block_id?: string;
  user_id?: string;
  channel_id?: string;
  message_ts?: string;
  response_url: string;
  trigger_id?: string;
  message?: Record<string, unknown>;
}

/** The fields every interactivity payload shares: who, which app, the (legacy) token. */
function interaction(type: string, userId: string | undefined) {
  return {
    type,
    team: { id: FAKE_TEAM_ID, domain: 'callsheet-test' },
    user: { id: userId ?? 'U0JANE', username: 'jane', team_id: FAKE_TEAM_ID },
    api_app_id: 'A0CALLSHEET',
    token: 'legacy-verification-token',
  };
}

export function blockAction(fields: BlockActionFields): string {
  const channel = fields.channel_id ?? 'D0JANE';
  const ts = fields.message_ts ?? '1800000001.000100';
  const payload = {
    ...interaction('block_actions', fields.user_id),
    container: { type: 'message', message_ts: ts, channel_id: channel, is_ephemeral: false },
    trigger_id: fields.trigger_id ?? nextTriggerId(),
    channel: { id: channel, name: 'directmessage' },
    message: fields.message ?? { type: 'message', ts, text: 'digest', blocks: [] },
    response_url: fields.response_url,
    actions: [
      {
        action_id: fields.action_id,
        block_id: fields.block_id ?? 'b1',
        value: fields.value,
        type: 'button',
        action_ts: `${Date.now() / 1000}${++triggerSeq}`,
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export interface ViewSubmissionFields {
  callback_id: string;
  private_metadata: string;
  /** block_id → action_id → state value (`{ value }`, `{ selected_date }`…) */
  values: Record<string, Record<string, Record<string, unknown>>>;
  user_id?: string;
  view_id?: string;
}

export function viewSubmission(fields: ViewSubmissionFields): string {
  const payload = {
    ...interaction('view_submission', fields.user_id),
    trigger_id: nextTriggerId(),
    view: {
      id: fields.view_id ?? `V${++triggerSeq}`,
      type: 'modal',
      callback_id: fields.callback_id,
      private_metadata: fields.private_metadata,
      hash: 'h1',
      state: { values: fields.values },
    },
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** POSTs a body to /slack/events, signed unless told otherwise. */
export function postToSlackEvents(
  baseUrl: string,
  body: string,
  options: SignOptions = {},
): Promise<Response> {
  return fetch(`${baseUrl}/slack/events`, { method: 'POST', headers: signedHeaders(body, options), body });
}

/**
 * Posts a signed body and resolves with the answer as text: the ack's body when the answer rode on
 * it, else what Slack's response_url `responseId` received (the fake records it).
 */
export async function slackAnswer(
  baseUrl: string,
  fake: Pick<FakeSlack, 'arrivalOf' | 'responses'>,
  body: string,
  responseId: string,
  timeoutMs = 30_000,
): Promise<{ status: number; text: string }> {
  const res = await postToSlackEvents(baseUrl, body);
  const raw = await res.text();
  if (raw || res.status !== 200) return { status: res.status, text: raw };
  await fake.arrivalOf(responseId, timeoutMs);
  return { status: res.status, text: JSON.stringify(fake.responses.find((r) => r.id === responseId)?.body) };
}
