// What every CLI command gets: where to write, the environment, and a way to open the store
// from the validated configuration.
import type { Config } from '../config.ts';
import { escapeControls } from '../domain/safe-text.ts';
import type { OpenStoreOptions, Store } from '../store/open-store.ts';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** True when stdout is an interactive terminal (progress bars, colours). */
  isTty: boolean;
}

export interface CliContext extends CliIo {
  /** What the process exits with when the command returns normally. */
  exitCode: number;
  /**
   * Writes text meant for a person to stdout: names, notes and values in it come from files and
   * chat, so their control characters are escaped (line breaks and tabs kept). Data (CSV, JSON,
   * exports) goes through `stdout` unchanged.
   */
  say(text: string): void;
  config(): Config;
  withStore<T>(fn: (store: Store) => Promise<T>, options?: Pick<OpenStoreOptions, 'migrations'>): Promise<T>;
}

/** `loadConfig` is passed in so that `--version` and `--help` never load the settings schema. */
export function createContext(
  io: CliIo,
  loadConfig: (env: NodeJS.ProcessEnv) => Config,
  /** A short command (not a bulk load): the embedded database starts with less memory. */
  lean = false,
): CliContext {
  let config: Config | undefined;
  const getConfig = () => {
    config ??= loadConfig(io.env);
    return config;
  };
  return {
    ...io,
    exitCode: 0,
    say: (text) => io.stdout(escapeControls(text, true)),
    config: getConfig,
    async withStore(fn, options = {}) {
      const c = getConfig();
      // The store's drivers load with the first command that needs them.
      const { openStore } = await import('../store/open-store.ts');
      const store = await openStore({
        databaseUrl: c.DATABASE_URL,
        dataDir: c.CALLSHEET_DATA_DIR,
        lean,
        ...options,
        log: (line) => io.stderr(`${line}\n`),
      });
      try {
        return await fn(store);
      } finally {
        await store.close();
      }
    },
  };
}
