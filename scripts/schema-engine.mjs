// Load @prisma/schema-engine-wasm on plain Node 20 (its entry does `import x from "./*.wasm"`,
// which needs --experimental-wasm-modules), bound to a driver adapter.
import { readFileSync } from 'node:fs';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as glue from '@prisma/schema-engine-wasm/schema_engine_bg';

let ready = false;
function init() {
  if (ready) return;
  const file = new URL(
    'schema_engine_bg.wasm',
    import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg'),
  );
  const mod = new WebAssembly.Module(readFileSync(file));
  const instance = new WebAssembly.Instance(mod, { './schema_engine_bg.js': glue });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  ready = true;
}

/** @param {{ path: string, content: string }[]} schemaFiles @param {import('@prisma/driver-adapter-utils').SqlMigrationAwareDriverAdapterFactory} adapterFactory */
export async function createSchemaEngine(schemaFiles, adapterFactory, debug = () => {}) {
  init();
  return glue.SchemaEngine.new(
    { datamodels: schemaFiles.map((f) => [f.path, f.content]) },
    debug,
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  );
}
export function engineVersion() {
  init();
  return glue.version();
}
