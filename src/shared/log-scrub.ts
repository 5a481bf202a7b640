// What may reach a log line. Errors from HTTP libraries carry the request they failed on (Bolt's
// unhandled-request error holds the IncomingMessage; HTTP clients keep their config with its
// Authorization header), and anything logged may hold headers. Every object logged passes through
// `scrubForLog`: request and socket objects become a one-word stand-in, credential headers and
// fields are redacted wherever they sit, tokens inside text are masked and long strings cut.

const SECRET_KEY =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-slack-signature|x-api-key|password|secret|token|access_token|refresh_token|client_secret|signing_?secret|app_?password|bot_?token|app_?token|database_?url)$/i;
// Keys whose value is a whole HTTP exchange: summarised, never walked.
const EXCHANGE_KEY = /^(req|res|request|response|socket|agent|client|_?httpMessage|connection)$/i;
const TOKEN_TEXT =
  /\b(xox[abposr]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+|Bearer\s+[A-Za-z0-9._~+/=-]+|Basic\s+[A-Za-z0-9+/=]{8,})/g;
// postgresql://user:password@host → postgresql://user:[redacted]@host
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+):[^\s@/]+@/gi;

export const REDACTED = '[redacted]';
const MAX_STRING = 4000;
const MAX_DEPTH = 6;

/** Text with tokens and URL passwords masked, cut to a sane length. */
export function scrubText(text: string): string {
  const masked = text
    .replace(TOKEN_TEXT, (m) => `${m.split(/[-\s]/)[0]}${m.includes(' ') ? ' ' : '-'}${REDACTED}`)
    .replace(URL_PASSWORD, `$1:${REDACTED}@`);
  return masked.length > MAX_STRING
    ? `${masked.slice(0, MAX_STRING)}… (${masked.length} characters)`
    : masked;
}

const isExchange = (value: object): boolean => {
  const name = value.constructor?.name ?? '';
  return /^(IncomingMessage|ServerResponse|ClientRequest|Socket|TLSSocket|Agent|Request|Response)$/.test(
    name,
  );
};

/**
 * A copy of `value` safe to log. Error instances keep their class (pino's error serializer turns
 * them into {type, message, stack, …} and that result is scrubbed again).
 */
export function scrubForLog(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[circular]';
  if (isExchange(value)) return `[${value.constructor.name}]`;
  if (depth >= MAX_DEPTH) return '[nested]';
  seen.add(value);
  if (Array.isArray(value)) return value.slice(0, 100).map((v) => scrubForLog(v, depth + 1, seen));
  if (value instanceof Error) {
    // Copy message, stack and own fields (code, cause…) onto an error of the same class.
    const copy = Object.create(Object.getPrototypeOf(value)) as Error & Record<string, unknown>;
    for (const key of ['message', 'stack', ...Object.keys(value)])
      copy[key] = scrubEntry(key, (value as unknown as Record<string, unknown>)[key], depth, seen);
    if ('cause' in value) copy.cause = scrubForLog(value.cause, depth + 1, seen);
    return copy;
  }
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = scrubEntry(key, v, depth, seen);
  return out;
}

function scrubEntry(key: string, value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (value === undefined || value === null) return value;
  if (SECRET_KEY.test(key)) return REDACTED;
  if (EXCHANGE_KEY.test(key) && typeof value === 'object') return '[omitted]';
  return scrubForLog(value, depth + 1, seen);
}
