// Where Callsheet is installed. The same code runs from src/ (tsx, tests) and bundled into dist/
// (what `callsheet` runs), at different depths, so paths to package files start from the nearest
// folder holding package.json instead of counting `..` from this file.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find Callsheet’s package.json');
    dir = parent;
  }
  return dir;
}

export const PACKAGE_ROOT = findPackageRoot();

/** A path inside the installed package: packagePath('prisma', 'migrations'). */
export const packagePath = (...parts: string[]) => path.join(PACKAGE_ROOT, ...parts);

let version: string | undefined;

export function packageVersion(): string {
  version ??= (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;
  return version;
}
