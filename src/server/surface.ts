// A chat surface (Slack, Teams) or background service (the scheduler) that `callsheet serve` runs.
import type { AppDeps } from '../app/deps.ts';
import type { ChatPublisher } from '../app/publisher.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../shared/logger.ts';
import type { RouteHandler } from './http-server.ts';

/** One line of /healthz: `down` makes the whole answer 503; the rest is detail for people. */
export interface HealthCheck {
  status: 'up' | 'down';
  [detail: string]: unknown;
}

export interface Surface {
  name: string;
  /** Its line in /healthz (under the first word of `name`); absent: not reported. */
  health?(): HealthCheck | Promise<HealthCheck>;
  /** HTTP endpoints to mount on the shared server, by path. */
  routes?: Record<string, RouteHandler>;
  /** How the scheduler posts sheets and alerts through this surface, if it can speak first. */
  publisher?: ChatPublisher;
  /** Called once the HTTP server listens (e.g. open a Socket Mode connection, start timers). */
  start?(): Promise<void>;
  /** Called on shutdown before the HTTP server closes; should let in-flight work finish. */
  stop?(): Promise<void>;
}

export interface SurfaceContext {
  deps: AppDeps;
  config: Config;
  log: Logger;
  /** Where the HTTP server will listen (e.g. to refuse unauthenticated modes off loopback). */
  listen?: { host: string; port: number };
  /** The surfaces built before this one; complete by the time `start()` runs (the scheduler reads their publishers). */
  surfaces?: readonly Surface[];
}

/** Builds a surface, or returns null when its settings are absent (it is then off). */
export type SurfaceFactory = (ctx: SurfaceContext) => Promise<Surface | null>;
