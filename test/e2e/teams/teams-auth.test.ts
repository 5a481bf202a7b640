import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installed, message, post, teamsUser } from './activities.ts';
import { type FakeTokenService, startFakeTokenService } from './fake-token-service.ts';
import { linkCollector, startTeamsHarness, type TeamsHarness } from './harness.ts';

const APP_ID = '6d2a7c1e-4b1f-4c59-9a57-0c1f2e3d4b5a';

const ava = teamsUser(1);
let h: TeamsHarness;
let tokens: FakeTokenService;

async function effects() {
  const [bindings, interactions] = await Promise.all([
    h.store.prisma.channelBinding.count(),
    h.store.prisma.interaction.count(),
  ]);
  return { bindings, interactions, connectorCalls: h.connector.calls.length };
}

beforeAll(async () => {
  tokens = await startFakeTokenService();
  h = await startTeamsHarness({
    env: { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'not-a-real-secret' },
    endpoints: tokens.endpoints,
  });
  await linkCollector(h.store, 'ava', ava.aadObjectId);
});
afterAll(async () => {
  await h?.close();
  await tokens?.close();
});

describe('Teams surface, production mode', () => {
  it.each([
    ['no token', () => ({})],
    ['a junk token', () => ({ authorization: 'Bearer not-a-jwt' })],
    [
      'a token signed by an unknown key',
      () => ({
        authorization: `Bearer ${tokens.mint({ aud: APP_ID, serviceUrl: h.connector.url }, 'stranger')}`,
      }),
    ],
    [
      'a token for another bot',
      () => ({
        authorization: `Bearer ${tokens.mint({ aud: '11111111-2222-3333-4444-555555555555', serviceUrl: h.connector.url })}`,
      }),
    ],
    [
      'a token for another service URL',
      () => ({
        authorization: `Bearer ${tokens.mint({ aud: APP_ID, serviceUrl: 'https://smba.example/' })}`,
      }),
    ],
    [
      'an expired token',
      () => ({
        authorization: `Bearer ${tokens.mint({ aud: APP_ID, serviceUrl: h.connector.url, expiresIn: -3600 })}`,
      }),
    ],
    [
      'a token from another issuer',
      () => ({
        authorization: `Bearer ${tokens.mint({ aud: APP_ID, serviceUrl: h.connector.url, issuer: 'https://evil.example' })}`,
      }),
    ],
  ])('rejects a message with %s: 401 and no effect', async (_name, headers) => {
    const before = await effects();
    const res = await post(
      h.url,
      message(ava, 'logcall ACME promised 5/30', { serviceUrl: h.connector.url }),
      headers(),
    );
    expect(res.status).toBe(401);
    expect(await effects()).toEqual(before);
  });

  it('accepts an activity signed by the Bot Connector', async () => {
    const where = { serviceUrl: h.connector.url };
    const token = tokens.mint({ aud: APP_ID, serviceUrl: h.connector.url });
    const res = await post(h.url, installed(ava, where), { authorization: `Bearer ${token}` });
    expect(res.status).toBe(200);
    expect(await h.store.prisma.channelBinding.count({ where: { purpose: 'dm' } })).toBe(1);
  });
});
