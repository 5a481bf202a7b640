// Runs the Teams surface of `callsheet serve` in this process on a free port, against a test
// database holding the small demo company and a fake Bot Connector.

import type { BotEndpoints } from '../../../src/adapters/teams/bot-auth.ts';
import type { TeamsBot } from '../../../src/adapters/teams/teams-bot.ts';
import { teamsSurface } from '../../../src/adapters/teams/teams-surface.ts';
import type { ChatCore } from '../../../src/app/chat-core.ts';
import type { AppDeps } from '../../../src/app/deps.ts';
import { loadConfig } from '../../../src/config.ts';
import { loadDemo } from '../../../src/demo/load-demo.ts';
import { type Serving, serve } from '../../../src/server/serve.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { openTestStore, type TestStore } from '../../support/test-store.ts';
import { type FakeConnector, startFakeConnector } from './fake-connector.ts';

export const DEMO_TODAY = '2027-05-28';
/** 14:00 UTC on the demo's today: morning in the demo collectors' American zones. */
export const DEMO_NOW = new Date(`${DEMO_TODAY}T14:00:00Z`);

export interface TeamsHarness {
  store: TestStore;
  deps: AppDeps;
  connector: FakeConnector;
  serving: Serving;
  bot: TeamsBot;
  url: string;
  close(): Promise<void>;
}

export async function startTeamsHarness(options: {
  core?: ChatCore;
  env?: Record<string, string>;
  endpoints?: BotEndpoints;
  store?: TestStore;
}): Promise<TeamsHarness> {
  const store = options.store ?? (await openTestStore());
  await loadDemo(store, { size: 'small', seed: 42, today: DEMO_TODAY });
  const deps: AppDeps = { store, now: () => DEMO_NOW };
  const connector = await startFakeConnector();
  const config = loadConfig(options.env ?? { TEAMS_ALLOW_UNAUTHENTICATED: 'true' });
  let bot: TeamsBot | undefined;
  const serving = await serve(
    deps,
    config,
    createLogger('silent'),
    [
      teamsSurface({
        ...(options.core ? { core: options.core } : {}),
        ...(options.endpoints ? { endpoints: options.endpoints } : {}),
        onReady: (b) => {
          bot = b;
        },
      }),
    ],
    { host: '127.0.0.1', port: 0 },
  );
  return {
    store,
    deps,
    connector,
    serving,
    bot: bot!,
    url: serving.server.url,
    close: async () => {
      await serving.stop();
      await connector.close();
      await store.close();
    },
  };
}

/** Gives a demo collector a Teams identity (as an import of collectors.csv would). */
export async function linkCollector(store: TestStore, code: string, aadObjectId: string): Promise<void> {
  await store.prisma.collector.update({ where: { code }, data: { teamsUserId: aadObjectId } });
}
