// The one HTTP server of `callsheet serve`. Chat surfaces mount their endpoints on it
// (/slack/events, /api/messages); /healthz answers load balancers and /metrics Prometheus.
// Closing it stops accepting connections and lets in-flight requests finish.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../shared/logger.ts';
import { enableMetrics } from '../shared/metrics.ts';
import type { HealthCheck } from './surface.ts';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface StartOptions {
  host: string;
  port: number;
  routes: Record<string, RouteHandler>;
  log: Logger;
  /** Readiness for /healthz, a check per part (database, scheduler, each chat connection): 503 when one is down. */
  health?: () => Promise<Record<string, HealthCheck>>;
  /** How long close() waits for in-flight requests before cutting them off. */
  drainMillis?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startHttpServer(options: StartOptions): Promise<RunningServer> {
  const { routes, log } = options;
  let inFlight = 0;
  const server: Server = createServer((req, res) => {
    inFlight++;
    res.on('close', () => inFlight--);
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const read = req.method === 'GET' || req.method === 'HEAD';
    if (path === '/healthz' && read) {
      void health(options, res);
      return;
    }
    if (path === '/metrics' && read) {
      void metrics(res, log);
      return;
    }
    const handler = routes[path];
    if (!handler) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((err: unknown) => {
        log.error({ err, path }, 'request handler failed');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end('{"error":"internal error"}');
      });
  });
  server.keepAliveTimeout = 65_000; // longer than common load balancer idle timeouts
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
  return {
    port,
    url: `http://${shownHost}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        const deadline = setTimeout(() => {
          log.warn({ inFlight }, 'requests still running at shutdown; closing their connections');
          server.closeAllConnections();
        }, options.drainMillis ?? 10_000);
        server.close(() => {
          clearTimeout(deadline);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

async function health(options: StartOptions, res: ServerResponse): Promise<void> {
  let checks: Record<string, HealthCheck>;
  try {
    checks = options.health ? await options.health() : {};
  } catch (err) {
    checks = { health: { status: 'down', error: err instanceof Error ? err.message : String(err) } };
  }
  const ok = Object.values(checks).every((c) => c.status === 'up');
  res
    .writeHead(ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' })
    .end(JSON.stringify({ status: ok ? 'ok' : 'unavailable', checks }));
}

async function metrics(res: ServerResponse, log: Logger): Promise<void> {
  try {
    const { registry } = enableMetrics();
    const text = await registry.metrics();
    res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' }).end(text);
  } catch (err) {
    log.error({ err }, 'metrics could not be collected');
    res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics could not be collected\n');
  }
}
