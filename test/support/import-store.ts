// What an import test file needs: its own store (the examples imported first, when asked), a
// scratch folder for the files it writes, and the actor and clock every import is run with.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { importFiles } from '../../src/app/import-files.ts';
import { openTestStore, type TestStore } from './test-store.ts';

export const EXAMPLES = path.join(import.meta.dirname, '../../examples/import');
export const IMPORT_ACTOR = { code: 'tester', source: 'import' as const };

export interface ImportStore {
  store(): TestStore;
  deps(): { store: TestStore; now: () => Date };
  /** The scratch folder's path for `name`. */
  path(name: string): string;
  /** Writes `content` to `name` (folders made as needed) in the scratch folder; returns its path. */
  file(name: string, content: string | Buffer): string;
  /** Imports a file or folder (a full path) and expects every row written. */
  importWritten(target: string): Promise<void>;
}

/** Registers the store for the test file (opened before its tests, closed after). */
export function importStore(options: { examples?: boolean } = {}): ImportStore {
  let store: TestStore | undefined;
  let dir = '';
  const fx: ImportStore = {
    store: () => {
      if (!store) throw new Error('the import store opens in beforeAll: use it inside a test');
      return store;
    },
    deps: () => ({ store: fx.store(), now: () => new Date('2027-05-28T12:00:00Z') }),
    path: (name) => path.join(dir, name),
    file: (name, content) => {
      mkdirSync(path.dirname(fx.path(name)), { recursive: true });
      writeFileSync(fx.path(name), content);
      return fx.path(name);
    },
    importWritten: async (target) => {
      const result = await importFiles(fx.deps(), { paths: [target], actor: IMPORT_ACTOR });
      expect(result.ok && result.value.status).toBe('written');
    },
  };
  beforeAll(async () => {
    store = await openTestStore();
    dir = mkdtempSync(path.join(os.tmpdir(), 'callsheet-import-'));
    if (options.examples) await fx.importWritten(EXAMPLES);
  });
  afterAll(async () => {
    await store?.close();
  });
  return fx;
}
