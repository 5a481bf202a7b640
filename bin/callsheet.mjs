#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so there is no build step between a checkout and use.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
await main();
