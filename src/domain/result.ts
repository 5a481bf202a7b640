// Expected failures are values: a parse or a use case either yields a value or a coded error a
// person can act on (`{ code, message }`); only the unexpected throws.

export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const fail = <E>(error: E): { ok: false; error: E } => ({ ok: false, error });
