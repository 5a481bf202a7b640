import { defineConfig } from 'vitest/config';
import { SLOW_TESTS } from './test/suites.ts';

// `npm run test:slow`: the tests that start the `callsheet` binary or a `serve` process, as a user
// or an operator would, and the heaviest database tests. CI runs them after `npm test`, on both databases.
export default defineConfig({
  test: {
    include: SLOW_TESTS,
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    testTimeout: 240_000,
    hookTimeout: 300_000,
    maxWorkers: 2,
  },
});
