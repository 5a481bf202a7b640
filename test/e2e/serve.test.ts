import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeEnv } from '../support/run-cli.ts';
import { type ServeProcess, spawnServe } from '../support/spawn-serve.ts';
import { createTestDatabase } from '../support/test-store.ts';

let serving: ServeProcess;
let drop: () => Promise<void>;
beforeAll(async () => {
  const db = await createTestDatabase();
  drop = db.drop;
  serving = await spawnServe(storeEnv(db));
});
afterAll(async () => {
  if (serving?.child.exitCode === null) await serving.stop();
  await drop?.();
});

describe('callsheet serve', () => {
  it('answers /healthz once the database is reachable', async () => {
    const res = await fetch(`${serving.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'ok',
      checks: {
        database: { status: 'up', backend: expect.stringMatching(/^(postgres|pglite)$/) },
        scheduler: {
          status: 'up',
          running: true,
          lastTickAt: expect.any(String),
          lastTickOk: true,
        },
      },
    });
  });

  it('answers 404 for paths no surface serves', async () => {
    expect((await fetch(`${serving.url}/nowhere`, { method: 'POST' })).status).toBe(404);
  });

  it('stops cleanly on SIGTERM', async () => {
    expect(await serving.stop()).toBe(0);
    expect(serving.logs()).toMatch(/"msg":"callsheet stopped"/);
  });
});
