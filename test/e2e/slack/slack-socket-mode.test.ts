// Socket Mode: with SLACK_APP_TOKEN set, serve connects out (apps.connections.open → WebSocket)
// instead of mounting /slack/events; commands arrive as envelopes and are acked on the socket.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { openTestStore, type TestStore } from '../../support/test-store.ts';
import { type SlackServer, startSlackServer } from './slack-server.ts';

let store: TestStore;
let server: SlackServer;
let wss: WebSocket.Server;
const received: Record<string, unknown>[] = [];
let socket: WebSocket | undefined;
const connected = new Promise<WebSocket>((resolve) => {
  wss = new WebSocket.Server({ host: '127.0.0.1', port: 0 });
  wss.on('connection', (ws) => {
    socket = ws;
    ws.on('message', (data) => received.push(JSON.parse(String(data)) as Record<string, unknown>));
    ws.send(
      JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0CALLSHEET' } }),
    );
    resolve(ws);
  });
});

beforeAll(async () => {
  if (!wss.address()) await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  store = await openTestStore();
  await store.sql.query(
    `INSERT INTO collectors (code, name, slack_user_id, role) VALUES ('morgan', 'Morgan Reyes', 'U0MORGAN', 'manager')`,
  );
  server = await startSlackServer({ store, now: () => new Date() }, (fake) => {
    fake.setSocketUrl(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`);
    return { SLACK_APP_TOKEN: 'xapp-1-A0CALLSHEET-test', SLACK_SIGNING_SECRET: '' };
  });
});

afterAll(async () => {
  await server?.stop();
  socket?.terminate();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
  await store?.close();
});

describe('Slack over Socket Mode', () => {
  it('opens the connection with the app-level token and mounts no HTTP route', async () => {
    await server.fake.waitFor('apps.connections.open');
    expect(server.fake.callsTo('apps.connections.open')[0]?.token).toBe('xapp-1-A0CALLSHEET-test');
    expect((await fetch(`${server.url}/slack/events`, { method: 'POST' })).status).toBe(404);
  });

  it('reports the socket in /healthz: up once connected', async () => {
    await connected;
    await expect
      .poll(async () => ((await (await fetch(`${server.url}/healthz`)).json()) as { checks: unknown }).checks)
      .toMatchObject({ slack: { status: 'up', mode: 'socket', connection: 'connected' } });
  });

  it('handles a slash command envelope and acks it on the socket with the reply', async () => {
    const ws = await connected;
    ws.send(
      JSON.stringify({
        envelope_id: 'env-1',
        type: 'slash_commands',
        accepts_response_payload: true,
        payload: {
          token: 'legacy',
          team_id: 'T0CALLSHEET',
          team_domain: 'callsheet-test',
          channel_id: 'C0ALERTS',
          channel_name: 'alerts',
          user_id: 'U0MORGAN',
          user_name: 'morgan',
          command: '/callsheet',
          text: 'bind alerts',
          api_app_id: 'A0CALLSHEET',
          response_url: server.fake.responseUrl('socket'),
          trigger_id: 't-socket-1',
        },
      }),
    );
    await expect
      .poll(() => received.find((m) => m.envelope_id === 'env-1'), { timeout: 60_000 })
      .toBeTruthy();
    const ack = received.find((m) => m.envelope_id === 'env-1') as {
      payload: { text: string; response_type: string };
    };
    expect(ack.payload.response_type).toBe('ephemeral');
    expect(ack.payload.text).toMatch(/Bound: alerts will post in #alerts/);
    const rows = await store.sql.query(`SELECT channel_id, purpose::text AS purpose FROM channel_bindings`);
    expect(rows).toEqual([{ channel_id: 'C0ALERTS', purpose: 'alerts' }]);
  });
});
