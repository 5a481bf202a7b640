// Postgres error codes the app reacts to (both backends report them as `code`).

/** 23505: a unique index or constraint found a key twice. */
export const isUniqueViolation = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
