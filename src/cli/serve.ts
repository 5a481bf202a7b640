// `callsheet serve`: the chat surfaces and the scheduler in one long-running process.
import type { Command } from 'commander';
import { systemClock } from '../app/deps.ts';
import { schedulerSurfaceFactory } from '../server/scheduler-surface.ts';
import { serve } from '../server/serve.ts';
import type { SurfaceFactory } from '../server/surface.ts';
import { UserError } from '../shared/errors.ts';
import { createLogger, logFormat } from '../shared/logger.ts';
import { openStore } from '../store/open-store.ts';
import type { CliContext } from './context.ts';

/** The chat surfaces; each returns null when its settings are absent. */
export const CHAT_SURFACES: SurfaceFactory[] = [
  // Loaded on demand so other commands do not pay for the chat SDKs' start-up.
  async (ctx) => (await import('../adapters/slack/slack-surface.ts')).createSlackSurface(ctx),
  async (ctx) => (await import('../adapters/teams/teams-surface.ts')).teamsSurface()(ctx),
];

/** Every surface Callsheet serves: the scheduler last, as it posts through the chat surfaces' publishers. */
export const SURFACES: SurfaceFactory[] = [...CHAT_SURFACES, schedulerSurfaceFactory];

export function registerServe(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('serve Slack and/or Teams and run the schedules (stops gracefully on SIGTERM)')
    .option('--port <n>', 'TCP port (default: PORT or 3000)')
    .option('--host <address>', 'address to listen on (default: HOST or 0.0.0.0)')
    .action(async (flags: { port?: string; host?: string }) => {
      const config = ctx.config();
      const port = flags.port === undefined ? config.PORT : Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new UserError(`--port must be a TCP port number, e.g. 3000 (got ${flags.port})`, 2);
      }
      const log = createLogger(
        config.LOG_LEVEL,
        process.stderr,
        logFormat(config.LOG_FORMAT, process.stderr),
      );
      // On the embedded database, other commands (import, sheet, …) get in through a local socket.
      const store = await openStore({
        databaseUrl: config.DATABASE_URL,
        dataDir: config.CALLSHEET_DATA_DIR,
        share: true,
      });
      let serving: Awaited<ReturnType<typeof serve>>;
      try {
        serving = await serve({ store, now: systemClock }, config, log, SURFACES, {
          host: flags.host ?? config.HOST,
          port,
        });
      } catch (err) {
        await store.close();
        if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
          throw new UserError(
            `port ${port} is in use: stop the other process or set PORT (or --port) to a free port`,
          );
        }
        throw err;
      }
      await new Promise<void>((resolve) => {
        const shutdown = (signal: string) => {
          log.info({ signal }, 'shutting down: finishing in-flight requests');
          void serving
            .stop()
            .then(() => store.close())
            .then(resolve);
        };
        process.once('SIGTERM', shutdown);
        process.once('SIGINT', shutdown);
      });
    });
}
