// Which test files run where. `npm test` (the README's command) runs everything but the tests that
// start the `callsheet` binary or a `serve` process, which `npm run test:e2e` runs; the fault
// suite (`npm run test:faults`) kills and restarts PostgreSQL, alone. CI runs all three.

/** End-to-end tests that spawn the CLI or a server process: seconds each, run by `npm run test:e2e`. */
export const PROCESS_TESTS = [
  'test/e2e/*-cli.test.ts',
  'test/e2e/cli.test.ts',
  'test/e2e/chat.test.ts',
  'test/e2e/digest-now.test.ts',
  'test/e2e/serve*.test.ts',
  'test/e2e/shared-embedded.test.ts',
  'test/e2e/metrics.test.ts',
  'test/e2e/slack/slack-serve-process.test.ts',
  'test/e2e/teams/teams-serve.test.ts',
];

export const FAULT_TESTS = ['test/faults/**'];
