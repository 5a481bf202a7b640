import { configDefaults, defineConfig } from 'vitest/config';
import { FAULT_TESTS, SLOW_TESTS } from './test/suites.ts';

// `npm test`: unit, integration and in-process end-to-end tests. The slow ones (processes, heavy loads) run with
// `npm run test:slow` (vitest.slow.config.ts), the fault suite with `npm run test:faults`.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...FAULT_TESTS, ...SLOW_TESTS],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    // Generous: a shared 2-core machine can be very busy.
    testTimeout: 240_000,
    hookTimeout: 300_000,
    // The machine is shared and small; PGlite start-up is CPU-bound.
    maxWorkers: 2,
  },
});
