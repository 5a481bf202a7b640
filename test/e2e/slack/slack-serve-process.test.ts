// The real `callsheet serve` executable with Slack settings: it mounts /slack/events next to
// /healthz, verifies signatures, stops gracefully, and refuses half-done Slack settings.
import { describe, expect, it } from 'vitest';
import { runCallsheet, storeEnv } from '../../support/run-cli.ts';
import { startFakeSlack } from './fake-slack.ts';
import { serveWithSlack } from './serve-with-slack.ts';
import { postToSlackEvents, slashCommand, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from './slack-requests.ts';

const fx = serveWithSlack();

describe('callsheet serve with Slack', () => {
  it('mounts /slack/events and checks the bot token at start-up', () => {
    expect(fx.serving.logs()).toMatch(/"routes":\["\/slack\/events"\]/);
    expect(fx.fake.callsTo('auth.test')[0]?.token).toBe(TEST_BOT_TOKEN);
  });

  it('answers a signed slash command and refuses a forged one', async () => {
    const body = slashCommand({ command: '/callsheet', text: 'help', response_url: fx.fake.responseUrl() });
    const ok = await postToSlackEvents(fx.serving.url, body);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { response_type: string }).response_type).toBe('ephemeral');
    expect((await postToSlackEvents(fx.serving.url, body, { signature: 'v0=forged' })).status).toBe(401);
    expect((await fetch(`${fx.serving.url}/healthz`)).status).toBe(200);
  });

  it('stops cleanly on SIGTERM without logging secrets', async () => {
    expect(await fx.serving.stop()).toBe(0);
    expect(fx.serving.logs()).not.toContain(TEST_SIGNING_SECRET);
    expect(fx.serving.logs()).not.toContain(TEST_BOT_TOKEN);
  });

  it.each([
    [{ SLACK_BOT_TOKEN: TEST_BOT_TOKEN }, /SLACK_SIGNING_SECRET is missing.*Basic Information/],
    [{ SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET }, /SLACK_BOT_TOKEN is missing.*OAuth & Permissions/],
  ])('refuses half-done Slack settings (%j) with the fix', async (env, message) => {
    const run = await runCallsheet(['serve', '--port', '0', '--host', '127.0.0.1'], {
      ...storeEnv(fx.db),
      ...env,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
  });

  it('stops at start-up when Slack rejects the bot token', async () => {
    const bad = await startFakeSlack();
    try {
      // A fake that says invalid_auth for auth.test.
      const run = await runCallsheet(['serve', '--port', '0', '--host', '127.0.0.1'], {
        ...storeEnv(fx.db),
        SLACK_BOT_TOKEN: 'xoxb-revoked',
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_API_URL: `${bad.apiUrl}invalid_auth/`,
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/invalid_auth: SLACK_BOT_TOKEN is not valid/);
    } finally {
      await bad.close();
    }
  });
});
