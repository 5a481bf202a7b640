// Compiles src/ into dist/ (what `callsheet` runs), at install and before tests. esbuild bundles
// our own modules and splits them per sub-command (each loads when it runs); packages in
// node_modules stay imports. Takes about a second.
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outdir = path.join(root, 'dist');
/** Entry points: the CLI, and the template builder run at install. */
const entries = ['src/cli.ts', 'src/store/pglite-template.ts'];

/** Newest modification time among the sources (and this script), to tell whether dist/ is stale. */
function newestSource() {
  let newest = statSync(fileURLToPath(import.meta.url)).mtimeMs;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  walk(path.join(root, 'src'));
  return newest;
}

const STAMP = path.join(outdir, 'cli.js');

/** True when dist/ is missing or older than a source file. */
export function distIsStale() {
  return !existsSync(STAMP) || statSync(STAMP).mtimeMs < newestSource();
}

export async function buildDist() {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: entries,
    outdir,
    outbase: 'src',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ifStale = process.argv.includes('--if-stale');
  if (!ifStale || distIsStale()) await buildDist();
}
