// The chat surfaces a one-shot command posts through (`callsheet digest --now`): built from the
// configuration exactly as `callsheet serve` builds them, but never started and never listening —
// this process only sends.
import type { AppDeps } from '../app/deps.ts';
import type { Config } from '../config.ts';
import type { Surface } from '../server/surface.ts';
import type { Logger } from '../shared/logger.ts';
import { CHAT_SURFACES } from './serve.ts';

export async function chatSurfaces(deps: AppDeps, config: Config, log: Logger): Promise<Surface[]> {
  const surfaces: Surface[] = [];
  // Loopback because nothing is received here: TEAMS_ALLOW_UNAUTHENTICATED guards incoming
  // requests, and a process that only posts has none.
  const listen = { host: '127.0.0.1', port: 0 };
  for (const factory of CHAT_SURFACES) {
    const surface = await factory({ deps, config, log, listen, surfaces });
    if (surface) surfaces.push(surface);
  }
  return surfaces;
}
