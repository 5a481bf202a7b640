// Structured logs (JSON lines via pino). Secrets never reach a line: every object logged, and every
// error through pino's serializer, is scrubbed (log-scrub.ts: request objects summarised,
// credential headers and fields redacted at any depth, tokens in text masked), and every message
// string is scrubbed too — whichever code path logs it, ours or a library's.
import pino from 'pino';
import { REDACTED, scrubForLog, scrubText } from './log-scrub.ts';

export type Logger = pino.Logger;

export function createLogger(
  level: string,
  destination: pino.DestinationStream | NodeJS.WritableStream = process.stderr,
): Logger {
  return pino(
    {
      level,
      base: { service: 'callsheet' },
      // Belt and braces for the common places, before the deep scrub below.
      redact: {
        paths: ['req.headers', 'res.headers', 'headers.authorization', 'headers.cookie'],
        censor: REDACTED,
      },
      serializers: {
        err: (err: unknown) =>
          scrubForLog(err instanceof Error ? pino.stdSerializers.err(err) : err) as pino.SerializedError,
      },
      formatters: { log: (object) => scrubForLog(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? scrubText(a) : a)) as Parameters<typeof method>,
          );
        },
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination as pino.DestinationStream,
  );
}
