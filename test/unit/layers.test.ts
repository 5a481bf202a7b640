// The dependency rules of docs/architecture.md, checked on every run.
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

const CHAT_SDKS = /^(@slack\/|@microsoft\/|botbuilder)/;

describe('layers', () => {
  it.each(sourceFiles('domain'))('domain/%s is pure: no store, adapters, Prisma, SDKs or I/O', (file) => {
    const bad = imports(file).filter(
      (spec) =>
        /\/(store|app|adapters|views|jobs|ingest|cli|generated)\//.test(spec) ||
        spec.startsWith('@prisma/') ||
        CHAT_SDKS.test(spec) ||
        /^(node:)?(fs|net|http|https|child_process|pg)$/.test(spec) ||
        spec === 'pg',
    );
    expect(bad).toEqual([]);
  });

  it.each(sourceFiles('app'))('app/%s imports no chat SDK', (file) => {
    expect(imports(file).filter((spec) => CHAT_SDKS.test(spec) || /\/adapters\//.test(spec))).toEqual([]);
  });

  it('has domain code to check', () => {
    expect(sourceFiles('domain').length).toBeGreaterThan(0);
  });
});
