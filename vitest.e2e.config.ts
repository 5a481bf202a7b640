import { defineConfig } from 'vitest/config';
import { PROCESS_TESTS } from './test/suites.ts';

// `npm run test:e2e`: the tests that start the `callsheet` binary or a `serve` process, as a user
// or an operator would. CI runs them after `npm test`, on both databases.
export default defineConfig({
  test: {
    include: PROCESS_TESTS,
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    testTimeout: 240_000,
    hookTimeout: 300_000,
    maxWorkers: 2,
  },
});
