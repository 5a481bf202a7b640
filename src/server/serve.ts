// Runs every configured surface in one process on one HTTP server, and shuts down gracefully.

import type { AppDeps } from '../app/deps.ts';
import type { Config } from '../config.ts';
import { postDigestNow } from '../jobs/digest-now.ts';
import type { Logger } from '../shared/logger.ts';
import { databaseAnswers } from '../store/sql.ts';
import { type RunningServer, startHttpServer } from './http-server.ts';
import { publishersOf } from './publishers.ts';
import type { Surface, SurfaceFactory } from './surface.ts';

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
    health: async () => {
      return databaseAnswers(deps.store.sql);
    },
  });
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
        log.info('callsheet stopped');
      })();
      return stopping;
    },
  };
}
