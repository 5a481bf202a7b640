// Expected failures carry a message meant for a person; anything else is a bug and is reported
// without a stack trace unless LOG_LEVEL=debug.

/** A failure the user can fix; `message` says what went wrong and how to fix it. */
export class UserError extends Error {
  override name = 'UserError';
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}

/** The message to show a person for anything thrown. */
export function describeError(err: unknown): string {
  if (err instanceof UserError) return err.message;
  if (err instanceof Error) return `unexpected error: ${err.message}`;
  return `unexpected error: ${String(err)}`;
}
