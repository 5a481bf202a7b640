#!/usr/bin/env node
// Runs the compiled CLI in dist/, built by `npm install` (scripts/build.mjs).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write(
    'callsheet: the compiled program (dist/) is missing: run `npm install` (or `npm run build`) in the Callsheet folder first\n',
  );
  process.exit(1);
}
const { main } = await import(cli.href);
await main();
