// Run at install, after the build: makes the migrated template of the embedded database (see
// src/store/pglite-template.ts). Never fails the install — without it the first run is slower.
try {
  const { ensurePgliteTemplate } = await import('../dist/store/pglite-template.js');
  await ensurePgliteTemplate();
} catch (err) {
  console.warn(
    `callsheet: could not prepare the embedded database template (${err?.message ?? err}); the first run will create it instead`,
  );
}
