// Run at install: builds the migrated template of the embedded database (see
// src/store/pglite-template.ts). Never fails the install — without it the first run is slower.
import { register } from 'tsx/esm/api';

register();
try {
  const { ensurePgliteTemplate } = await import('../src/store/pglite-template.ts');
  await ensurePgliteTemplate();
} catch (err) {
  console.warn(
    `callsheet: could not prepare the embedded database template (${err?.message ?? err}); the first run will create it instead`,
  );
}
