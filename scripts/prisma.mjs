#!/usr/bin/env node
// Offline Prisma CLI. npm blocks @prisma/engines' postinstall (which could not download anyway), so there
// is no native schema engine and the CLI would try to download one on almost every command (even
// --version/generate/validate/format). Point it at a stub instead: generate/validate/format never run it.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const enginesDir = path.dirname(require.resolve('@prisma/engines/package.json'));
const hasRealEngine = readdirSync(enginesDir).some((f) => f.startsWith('schema-engine'));
const env = { CHECKPOINT_DISABLE: '1', ...process.env };
const useStub = !env.PRISMA_SCHEMA_ENGINE_BINARY && !hasRealEngine;
if (useStub) {
  const stub = path.resolve('node_modules/.cache/prisma-offline/schema-engine');
  if (!existsSync(stub)) {
    mkdirSync(path.dirname(stub), { recursive: true });
    writeFileSync(
      stub,
      '#!/bin/sh\n[ "$1" = "--version" ] && echo "schema-engine-cli offline-stub" && exit 0\necho "offline schema-engine stub" >&2\nexit 1\n',
    );
    chmodSync(stub, 0o755);
  }
  env.PRISMA_SCHEMA_ENGINE_BINARY = stub;
}
const args = process.argv.slice(2);
const r = spawnSync(process.execPath, [require.resolve('prisma/build/index.js'), ...args], {
  stdio: 'inherit',
  env,
});
if (r.status && useStub && ['migrate', 'db'].includes(args[0]))
  console.error(
    `[offline] "prisma ${args.join(' ')}" needs the native schema engine. Use npm run db:migrate / db:new / db:check.`,
  );
process.exit(r.status ?? 1);
