// A local stand-in for Slack's Web API and response_url endpoints on 127.0.0.1. It answers with
// the JSON Slack would, records every call (method, decoded arguments, token) and can be told to
// misbehave for the next calls of a method (rate limit, server error) to exercise our retries.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  token: string | null;
  at: number;
}

export interface RecordedResponse {
  id: string;
  body: Record<string, unknown>;
  /** performance.now() when it arrived. */
  at: number;
}

type Trouble = { kind: 'rate_limited'; retryAfter: number } | { kind: 'server_error'; status: number };

export interface FakeSlack {
  /** Value for SLACK_API_URL / slackApiUrl: ends in /api/. */
  apiUrl: string;
  /** A response_url that records what Bolt's respond() posts to it. */
  responseUrl(id?: string): string;
  calls: RecordedCall[];
  responses: RecordedResponse[];
  callsTo(method: string): RecordedCall[];
  /** The next `times` calls of `method` get HTTP 429 with Retry-After. */
  rateLimited(method: string, retryAfter: number, times?: number): void;
  /** The next `times` calls of `method` get HTTP 5xx. */
  serverError(method: string, times?: number, status?: number): void;
  /** The WebSocket URL apps.connections.open hands out (Socket Mode). */
  setSocketUrl(url: string): void;
  /** Resolves with the performance.now() at which a POST to responseUrl(id) arrived. */
  arrivalOf(id: string, timeoutMs?: number): Promise<number>;
  /** Resolves once `count` calls of `method` (or responses when method is 'response_url') arrived. */
  waitFor(method: string, count?: number, timeoutMs?: number): Promise<void>;
  reset(): void;
  close(): Promise<void>;
}

const TEAM_ID = 'T0CALLSHEET';

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Web API clients send form fields, JSON-encoding the structured ones (blocks, view…). */
function decodeArgs(contentType: string, raw: string): Record<string, unknown> {
  if (contentType.startsWith('application/json'))
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return args;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: RecordedCall[] = [];
  const responses: RecordedResponse[] = [];
  const trouble = new Map<string, Trouble[]>();
  const waiters: (() => void)[] = [];
  let ts = 1_800_000_000;
  let socketUrl = 'ws://127.0.0.1:9/';
  const notify = () => {
    for (const w of waiters.splice(0)) w();
  };

  const answer = (method: string, args: Record<string, unknown>): Record<string, unknown> => {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://callsheet-test.slack.com/',
          team: 'Test',
          user: 'callsheet',
          team_id: TEAM_ID,
          user_id: 'UBOT',
          bot_id: 'BBOT',
        };
      case 'chat.postMessage':
        ts++;
        return { ok: true, channel: args.channel, ts: `${ts}.000100`, message: { text: args.text } };
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      case 'chat.postEphemeral':
        ts++;
        return { ok: true, message_ts: `${ts}.000200` };
      case 'conversations.open': {
        const users = String(args.users ?? '');
        return { ok: true, channel: { id: `D${users.replace(/^U/, '')}` } };
      }
      case 'apps.connections.open':
        return { ok: true, url: socketUrl };
      case 'views.open':
        return { ok: true, view: { id: `V${calls.length}`, hash: 'h1' } };
      default:
        return { ok: true };
    }
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname.startsWith('/response/')) {
        responses.push({
          id: url.pathname.slice('/response/'.length),
          body: safeJson(raw) as Record<string, unknown>,
          at: performance.now(),
        });
        notify();
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        return;
      }
      // /api/<error>/<method>: answer every call with that Slack error (e.g. /api/invalid_auth/).
      const failing = /^\/api\/([a-z_]+)\/([\w.]+)$/.exec(url.pathname);
      if (failing) {
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ ok: false, error: failing[1] }));
        return;
      }
      const method = url.pathname.replace(/^\/api\//, '');
      const args = decodeArgs(req.headers['content-type'] ?? '', raw);
      const auth = req.headers.authorization ?? null;
      calls.push({ method, args, token: auth?.replace(/^Bearer /, '') ?? null, at: Date.now() });
      notify();
      const next = trouble.get(method)?.shift();
      if (next?.kind === 'rate_limited') {
        res.writeHead(429, { 'retry-after': String(next.retryAfter), 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        return;
      }
      if (next?.kind === 'server_error') {
        res.writeHead(next.status, { 'content-type': 'text/plain' }).end('upstream trouble');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer(method, args)));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const queue = (method: string, item: Trouble, times: number) => {
    const list = trouble.get(method) ?? [];
    for (let i = 0; i < times; i++) list.push(item);
    trouble.set(method, list);
  };
  const count = (method: string) =>
    method === 'response_url' ? responses.length : calls.filter((c) => c.method === method).length;

  return {
    apiUrl: `${base}/api/`,
    responseUrl: (id = 'r1') => `${base}/response/${id}`,
    calls,
    responses,
    callsTo: (method) => calls.filter((c) => c.method === method),
    rateLimited: (method, retryAfter, times = 1) =>
      queue(method, { kind: 'rate_limited', retryAfter }, times),
    serverError: (method, times = 1, status = 503) => queue(method, { kind: 'server_error', status }, times),
    waitFor: (method, wanted = 1, timeoutMs = 10_000) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(`fake Slack: waited ${timeoutMs} ms for ${wanted} × ${method}, got ${count(method)}`),
            ),
          timeoutMs,
        );
        const check = () => {
          if (count(method) >= wanted) {
            clearTimeout(timer);
            resolve();
          } else waiters.push(check);
        };
        check();
      }),
    arrivalOf: (id, timeoutMs = 30_000) =>
      new Promise<number>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`fake Slack: no POST to response_url ${id}`)),
          timeoutMs,
        );
        const check = () => {
          const hit = responses.find((r) => r.id === id);
          if (hit) {
            clearTimeout(timer);
            resolve(hit.at);
          } else waiters.push(check);
        };
        check();
      }),
    setSocketUrl: (url) => {
      socketUrl = url;
    },
    reset: () => {
      calls.length = 0;
      responses.length = 0;
      trouble.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const FAKE_TEAM_ID = TEAM_ID;
