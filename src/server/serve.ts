// Runs every configured surface in one process on one HTTP server, and shuts down gracefully.

import type { AppDeps } from '../app/deps.ts';
import type { Config } from '../config.ts';
import { postDigestNow } from '../jobs/digest-now.ts';
import type { Logger } from '../shared/logger.ts';
import { enableMetrics, watchPool } from '../shared/metrics.ts';
import { databaseAnswers } from '../store/sql.ts';
import { type RunningServer, startHttpServer } from './http-server.ts';
import { publishersOf } from './publishers.ts';
import type { HealthCheck, Surface, SurfaceFactory } from './surface.ts';

export interface Serving {
  server: RunningServer;
  surfaces: Surface[];
  stop(): Promise<void>;
}

export async function serve(
  baseDeps: AppDeps,
  config: Config,
  log: Logger,
  factories: SurfaceFactory[],
  listen: { host: string; port: number } = { host: config.HOST, port: config.PORT },
): Promise<Serving> {
  const surfaces: Surface[] = [];
  // `digest` from chat posts through the surfaces built below (read when it runs).
  const deps: AppDeps = {
    ...baseDeps,
    postDigests: (input) =>
      postDigestNow({
        deps: baseDeps,
        publishers: publishersOf(surfaces, (text) => process.stdout.write(text)),
        ...input,
        log,
      }),
  };
  for (const factory of factories) {
    const surface = await factory({ deps, config, log, listen, surfaces });
    if (surface) surfaces.push(surface);
  }
  const routes = Object.assign({}, ...surfaces.map((s) => s.routes ?? {}));
  const server = await startHttpServer({
    ...listen,
    routes,
    log,
    health: () => healthChecks(deps, surfaces),
  });
  enableMetrics();
  watchPool(deps.store.connections ?? null);
  for (const surface of surfaces) await surface.start?.();
  log.info(
    { url: server.url, surfaces: surfaces.map((s) => s.name), routes: Object.keys(routes) },
    surfaces.length
      ? 'callsheet is serving'
      : 'callsheet is serving /healthz only: no Slack or Teams settings found',
  );
  let stopping: Promise<void> | undefined;
  return {
    server,
    surfaces,
    stop: () => {
      stopping ??= (async () => {
        for (const surface of [...surfaces].reverse()) await surface.stop?.();
        await server.close();
        watchPool(null);
        log.info('callsheet stopped');
      })();
      return stopping;
    },
  };
}

/** A database check that has not answered by then counts as down (a hung connection). */
const DATABASE_TIMEOUT_MS = 3_000;

async function databaseCheck(deps: AppDeps): Promise<HealthCheck> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), DATABASE_TIMEOUT_MS);
  });
  try {
    const up = await Promise.race([databaseAnswers(deps.store.sql), timeout]);
    return { status: up ? 'up' : 'down', backend: deps.store.backend };
  } catch {
    return { status: 'down', backend: deps.store.backend };
  } finally {
    clearTimeout(timer);
  }
}

/** /healthz: the database, then each surface that reports (`slack`, `teams`, `scheduler`). */
async function healthChecks(
  deps: AppDeps,
  surfaces: readonly Surface[],
): Promise<Record<string, HealthCheck>> {
  const checks: Record<string, HealthCheck> = { database: await databaseCheck(deps) };
  for (const surface of surfaces) {
    if (!surface.health) continue;
    try {
      checks[surface.name.split(' ')[0]!] = await surface.health();
    } catch (err) {
      checks[surface.name.split(' ')[0]!] = {
        status: 'down',
        error: err instanceof Error ? err.message : String(err),
      };
    }
  }
  return checks;
}
