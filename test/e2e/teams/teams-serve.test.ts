import { afterAll, describe, expect, it } from 'vitest';
import { storeEnv } from '../../support/run-cli.ts';
import { type ServeProcess, spawnServe } from '../../support/spawn-serve.ts';
import { createTestDatabase } from '../../support/test-store.ts';
import { installed, post, teamsUser } from './activities.ts';
import { startFakeConnector } from './fake-connector.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe('callsheet serve with Teams', () => {
  it('serves /api/messages unauthenticated on 127.0.0.1, warning about it', async () => {
    const db = await createTestDatabase();
    cleanups.push(db.drop);
    const connector = await startFakeConnector();
    cleanups.push(connector.close);
    const serving: ServeProcess = await spawnServe({ ...storeEnv(db), TEAMS_ALLOW_UNAUTHENTICATED: 'true' });
    cleanups.push(() => (serving.child.exitCode === null ? serving.stop() : Promise.resolve()));
    const res = await post(
      serving.url,
      installed(teamsUser(1), { serviceUrl: connector.url, scope: 'channel' }),
    );
    expect(res.status).toBe(200);
    expect(serving.logs()).toMatch(/"routes":\[[^\]]*"\/api\/messages"/);
    expect(serving.logs()).toMatch(/Teams runs WITHOUT authentication/);
    expect(await serving.stop()).toBe(0);
  });

  it('refuses to start unauthenticated on a public address', async () => {
    const db = await createTestDatabase();
    cleanups.push(db.drop);
    await expect(
      spawnServe({ ...storeEnv(db), TEAMS_ALLOW_UNAUTHENTICATED: 'true' }, ['--host', '0.0.0.0']),
    ).rejects.toThrow(/exited with 1[\s\S]*TEAMS_ALLOW_UNAUTHENTICATED=true[\s\S]*only runs on 127\.0\.0\.1/);
  });
});
