import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Killing backends and restarting PostgreSQL: `npm run test:faults`, alone (vitest.faults.config.ts).
    exclude: [...configDefaults.exclude, 'test/faults/**'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    // Generous: CLI tests spawn processes, and a shared 2-core machine can be very busy.
    testTimeout: 240_000,
    hookTimeout: 300_000,
    // The machine is shared and small; PGlite start-up is CPU-bound.
    maxWorkers: 2,
  },
});
