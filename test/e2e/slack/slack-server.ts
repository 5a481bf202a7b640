// Runs the Slack surface the way `callsheet serve` does (the same serve() and HTTP server), in this
// process on a free port, against a fake Slack Web API — so tests can use a fixed clock and look at
// the database the requests changed.
import { Writable } from 'node:stream';
import {
  createSlackSurface,
  type SlackSurface,
  type SlackSurfaceOptions,
} from '../../../src/adapters/slack/slack-surface.ts';
import type { AppDeps } from '../../../src/app/deps.ts';
import { loadConfig } from '../../../src/config.ts';
import { type Serving, serve } from '../../../src/server/serve.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { type FakeSlack, startFakeSlack } from './fake-slack.ts';
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from './slack-requests.ts';

export interface SlackServer {
  url: string;
  fake: FakeSlack;
  serving: Serving;
  surface: SlackSurface;
  logs(): string;
  stop(): Promise<void>;
}

/** Fast retries so failure scenarios finish quickly; pacing still measurable. */
export const TEST_RETRY_POLICY = { attempts: 4, baseDelayMs: 20, maxDelayMs: 200, channelIntervalMs: 60 };

export async function startSlackServer(
  deps: AppDeps,
  env: Record<string, string> | ((fake: FakeSlack) => Record<string, string>) = {},
  options: SlackSurfaceOptions = { retryPolicy: TEST_RETRY_POLICY, ackBudgetMs: 2500 },
): Promise<SlackServer> {
  const fake = await startFakeSlack();
  let output = '';
  const sink = new Writable({
    write(chunk, _enc, done) {
      output += String(chunk);
      done();
    },
  });
  const log = createLogger('info', sink);
  const config = loadConfig({
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    ...(typeof env === 'function' ? env(fake) : env),
  });
  const serving = await serve(deps, config, log, [(ctx) => createSlackSurface(ctx, options)], {
    host: '127.0.0.1',
    port: 0,
  });
  const surface = serving.surfaces.find((s) => s.name.startsWith('slack')) as SlackSurface;
  return {
    url: serving.server.url,
    fake,
    serving,
    surface,
    logs: () => output,
    stop: async () => {
      await serving.stop();
      await fake.close();
    },
  };
}
