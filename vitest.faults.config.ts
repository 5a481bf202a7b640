// The fault suite (`npm run test:faults`): a real PostgreSQL whose backends are killed and which is
// restarted under load, so it runs alone, one file at a time, never on PGlite. It uses the server
// at TEST_DATABASE_URL (default: the machine's own) and only its own databases.
import { defineConfig } from 'vitest/config';

process.env.TEST_DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/postgres';

export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 240_000,
    hookTimeout: 300_000,
  },
});
