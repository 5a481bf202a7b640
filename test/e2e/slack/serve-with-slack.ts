// The real `callsheet serve` process in HTTP mode against the fake Slack, on a fresh test
// database: started before the file's tests, stopped and dropped after.
import { afterAll, beforeAll } from 'vitest';
import { storeEnv } from '../../support/run-cli.ts';
import { type ServeProcess, spawnServe } from '../../support/spawn-serve.ts';
import { createTestDatabase } from '../../support/test-store.ts';
import { type FakeSlack, startFakeSlack } from './fake-slack.ts';
import { slackEnv } from './slack-requests.ts';

export interface ServeWithSlack {
  fake: FakeSlack;
  serving: ServeProcess;
  db: Awaited<ReturnType<typeof createTestDatabase>>;
}

/** Registers the hooks; the fields are set once beforeAll has run. */
export function serveWithSlack(): ServeWithSlack {
  const fx = {} as ServeWithSlack;
  beforeAll(async () => {
    fx.fake = await startFakeSlack();
    fx.db = await createTestDatabase();
    fx.serving = await spawnServe({ ...storeEnv(fx.db), ...slackEnv(fx.fake) });
  });
  afterAll(async () => {
    if (fx.serving?.child.exitCode === null) await fx.serving.stop();
    await fx.fake?.close();
    await fx.db?.drop();
  });
  return fx;
}
