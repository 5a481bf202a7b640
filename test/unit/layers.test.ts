// The dependency rules of docs/architecture.md, checked on every run: which layer may import which,
// and that SQL lives only where the database's door is (store/, ingest/, the demo loader and the
// job ledger).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.join(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  try {
    return readdirSync(path.join(SRC, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => path.join(dir, f));
  } catch {
    return [];
  }
}

function imports(file: string): string[] {
  const text = readFileSync(path.join(SRC, file), 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!);
}

/** The top-level folder of src/ an import lands in, or null for a package. */
function layerOf(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const target = path.normalize(path.join(path.dirname(file), spec));
  return target.split(path.sep)[0]!.replace(/\.ts$/, '');
}

const CHAT_SDKS = /^(@slack\/|@microsoft\/|botbuilder)/;

/** What each layer may import from the others (its own folder always). */
const MAY_IMPORT: Record<string, readonly string[]> = {
  domain: ['shared'],
  shared: ['domain'],
  store: ['domain', 'shared', 'generated'],
  ingest: ['domain', 'shared', 'store'],
  demo: ['domain', 'shared', 'store'],
  app: ['domain', 'shared', 'store', 'ingest', 'demo'],
  views: ['domain', 'shared', 'app'],
  jobs: ['domain', 'shared', 'store', 'app'],
  adapters: ['domain', 'shared', 'app', 'views', 'server', 'config'],
  server: ['domain', 'shared', 'store', 'app', 'views', 'jobs', 'adapters', 'config'],
  cli: [
    'domain',
    'shared',
    'store',
    'ingest',
    'demo',
    'app',
    'views',
    'jobs',
    'adapters',
    'server',
    'config',
    'cli',
  ],
};

describe('layers', () => {
  for (const [layer, allowed] of Object.entries(MAY_IMPORT)) {
    it.each(sourceFiles(layer))(`${layer}/%s imports only ${allowed.join(', ') || 'itself'}`, (file) => {
      const bad = imports(file).filter((spec) => {
        const target = layerOf(file, spec);
        return target !== null && target !== layer && !allowed.includes(target);
      });
      expect(bad).toEqual([]);
    });
  }

  it.each(sourceFiles('domain'))('domain/%s is pure: no Prisma, chat SDK or I/O', (file) => {
    const bad = imports(file).filter(
      (spec) =>
        spec.startsWith('@prisma/') ||
        CHAT_SDKS.test(spec) ||
        /^(node:)?(fs|net|http|https|child_process|pg)$/.test(spec) ||
        spec === 'pg',
    );
    expect(bad).toEqual([]);
  });

  it.each([...sourceFiles('app'), ...sourceFiles('jobs'), ...sourceFiles('store')])(
    '%s imports no chat SDK',
    (file) => {
      expect(imports(file).filter((spec) => CHAT_SDKS.test(spec))).toEqual([]);
    },
  );

  // `tx.query(…)`, `conn.query<…>(…)` and `exec('…')` with SQL text; RegExp#exec on a variable is not SQL.
  const SQL_CALL = /\.query\s*[<(]|\.exec\(\s*[`'"]/;
  const SQL_HOME = /^(store|ingest|demo)\//;
  it.each(
    sourceFiles('.')
      .map((f) => path.normalize(f))
      .filter(
        (f) => !SQL_HOME.test(f) && !f.startsWith('generated') && f !== path.normalize('jobs/ledger.ts'),
      ),
  )('%s holds no SQL (the store is the one door to the database)', (file) => {
    expect(SQL_CALL.test(readFileSync(path.join(SRC, file), 'utf8'))).toBe(false);
  });

  // Prisma owns the schema; the application's one door is the store's SQL (docs/architecture.md).
  it.each(
    sourceFiles('.')
      .map((f) => path.normalize(f))
      .filter(
        (f) =>
          !f.startsWith('generated') && !f.startsWith(path.normalize('store/')) && !f.startsWith('store'),
      ),
  )('%s does not reach the database through the Prisma client', (file) => {
    const text = readFileSync(path.join(SRC, file), 'utf8');
    expect(/\.prisma\.\w+\.|generated\/prisma/.test(text)).toBe(false);
  });

  it('has code in every layer it checks', () => {
    for (const layer of Object.keys(MAY_IMPORT)) expect(sourceFiles(layer).length, layer).toBeGreaterThan(0);
  });
});
