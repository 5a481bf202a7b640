// One family of errors. Each has a stable code, a message for the log, and a message for the person
// in front of it that says what to do; anything that is not an AppError is a bug, reported without a
// stack trace unless LOG_LEVEL=debug. Expected failures of a use case are values (Result), not throws.

export type ErrorCode =
  /** Bad input from a person or a file: the message says what to change. */
  | 'user_input'
  | 'config_invalid'
  | 'import_file'
  | 'csv_syntax'
  | 'json_syntax'
  | 'migration'
  /** Slack's Web API refused a call or could not be reached. */
  | 'slack_call'
  /** A Teams request the endpoint must refuse with an HTTP status. */
  | 'http_request'
  /** The same chat request again: its first reply stands. */
  | 'already_recorded'
  | 'unexpected';

export class AppError extends Error {
  /** What the person in front of it should read: what went wrong and how to fix it. */
  readonly userMessage: string;
  readonly exitCode: 1 | 2;
  constructor(
    readonly code: ErrorCode,
    message: string,
    options: { userMessage?: string; exitCode?: 1 | 2; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.userMessage = options.userMessage ?? message;
    this.exitCode = options.exitCode ?? 1;
  }
}

/** A failure the user can fix; `message` says what went wrong and how to fix it. */
export class UserError extends AppError {
  constructor(message: string, exitCode: 1 | 2 = 1) {
    super('user_input', message, { exitCode });
    this.name = 'UserError';
  }
}

/** Anything thrown, as an AppError: ours as they are, the rest as `unexpected` (a bug). */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new AppError('unexpected', message, { userMessage: `unexpected error: ${message}`, cause: err });
}
