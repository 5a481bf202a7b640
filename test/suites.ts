// Which test files run where. `npm test` (the README's command) runs everything but the slow
// tests — those that start the `callsheet` binary or a `serve` process, and the heaviest database
// ones — which `npm run test:slow` runs; the fault suite (`npm run test:faults`) kills and
// restarts PostgreSQL, alone. CI runs all three, on both databases.

/** Tests that spawn the CLI or a server, or load the medium demo or a million rows: `npm run test:slow`. */
export const SLOW_TESTS = [
  'test/e2e/*-cli.test.ts',
  'test/e2e/cli.test.ts',
  'test/e2e/chat.test.ts',
  'test/e2e/digest-now.test.ts',
  'test/e2e/serve*.test.ts',
  'test/e2e/shared-embedded.test.ts',
  'test/e2e/metrics.test.ts',
  'test/integration/pay-profiles.test.ts',
  'test/integration/migrations.test.ts',
  'test/integration/import/initial-load.test.ts',
  'test/integration/pglite-template.test.ts',
  'test/e2e/slack/slack-serve-process.test.ts',
  'test/e2e/teams/teams-serve.test.ts',
];

export const FAULT_TESTS = ['test/faults/**'];
