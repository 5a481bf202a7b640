// What every use case receives: the store and a clock. The same use case serves Slack, Teams,
// the console and the CLI; tests pass a fixed clock.
import type { Store } from '../store/open-store.ts';
import type { PostDigestsNow } from './publisher.ts';

export interface AppDeps {
  store: Store;
  /** The current instant; injected so tests and backtests can run at any time. */
  now: () => Date;
  /** Set by `callsheet serve`, which knows the chat surfaces: `digest` in chat posts through them. */
  postDigests?: PostDigestsNow;
}

export const systemClock = () => new Date();

/** Where a change came from, recorded on every record it writes. */
export type Source = 'slack' | 'teams' | 'console' | 'cli' | 'import' | 'scheduler' | 'demo' | 'system';

export interface Actor {
  /** Collector code, or 'system' for jobs. */
  code: string;
  source: Source;
}
