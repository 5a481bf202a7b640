// A local stand-in for the Bot Connector service (the `serviceUrl` of Teams activities): it
// answers the REST calls botbuilder makes and records them, so tests can assert on the exact
// card JSON Teams would have received.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorCall {
  kind: 'send' | 'reply' | 'update' | 'member' | 'other';
  method: string;
  path: string;
  conversationId: string;
  /** The activity replied to or updated. */
  activityId?: string;
  authorization?: string;
  // biome-ignore lint/suspicious/noExplicitAny: recorded JSON, read by assertions
  body: any;
}

export interface FakeConnector {
  url: string;
  calls: ConnectorCall[];
  /** Teams members returned by GET …/members/{id}. */
  members: Map<
    string,
    { id: string; aadObjectId?: string; email?: string; userPrincipalName?: string; name?: string }
  >;
  /** The next `n` calls answer with this status (e.g. 429, 500). */
  failNext(status: number, n?: number): void;
  /** Calls of one kind, in order. */
  of(kind: ConnectorCall['kind']): ConnectorCall[];
  clear(): void;
  close(): Promise<void>;
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  const members: FakeConnector['members'] = new Map();
  let failures: { status: number; left: number } | null = null;
  let nextId = 1;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const parts = url.pathname.split('/').map(decodeURIComponent);
      // /v3/conversations/{conversationId}/activities[/{activityId}] and …/members/{userId}
      const conversationId = parts[3] ?? '';
      const tail = parts[4];
      const activityId = tail === 'activities' ? parts[5] : undefined;
      let kind: ConnectorCall['kind'] = 'other';
      if (tail === 'activities') kind = req.method === 'PUT' ? 'update' : activityId ? 'reply' : 'send';
      if (tail === 'members') kind = 'member';
      calls.push({
        kind,
        method: req.method ?? '',
        path: url.pathname,
        conversationId,
        ...(activityId ? { activityId } : {}),
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
        body: text ? JSON.parse(text) : null,
      });
      if (failures && failures.left > 0) {
        failures.left--;
        res.writeHead(failures.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'Throttled', message: 'fake failure' } }));
        return;
      }
      if (kind === 'member') {
        const member = members.get(parts[5] ?? '');
        res.writeHead(member ? 200 : 404, { 'content-type': 'application/json' });
        res.end(JSON.stringify(member ?? { error: { code: 'MemberNotFoundInConversation' } }));
        return;
      }
      res.writeHead(kind === 'update' ? 200 : 201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: kind === 'update' ? activityId : `m-${nextId++}` }));
    });
  });
  // Longer than botbuilder's idle sockets live: otherwise a POST on a socket the server is just
  // closing fails, botbuilder retries it, and the fake records the same activity twice.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    calls,
    members,
    failNext(status, n = 1) {
      failures = { status, left: n };
    },
    of: (kind) => calls.filter((c) => c.kind === kind),
    clear: () => {
      calls.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
