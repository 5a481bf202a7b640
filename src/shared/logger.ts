// Structured logs via pino: JSON lines for log collectors, or readable lines (pino-pretty) for a
// person at a terminal. Secrets never reach a line: every object logged, and every error through
// pino's serializer, is scrubbed (log-scrub.ts: request objects summarised, credential headers and
// fields redacted at any depth, tokens in text masked), and every message string is scrubbed too —
// whichever code path logs it, ours or a library's. The pretty printer only reformats lines that
// were scrubbed already.
import { createRequire } from 'node:module';
import pino from 'pino';
import type PinoPretty from 'pino-pretty';
import { REDACTED, scrubForLog, scrubText } from './log-scrub.ts';

export type Logger = pino.Logger;

export type LogFormat = 'json' | 'pretty';

/** LOG_FORMAT=auto: readable on a terminal, JSON when piped, redirected or in CI. */
export function logFormat(
  setting: 'auto' | LogFormat,
  stream: { isTTY?: boolean },
  env: NodeJS.ProcessEnv = process.env,
): LogFormat {
  if (setting !== 'auto') return setting;
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
  return stream.isTTY && !ci ? 'pretty' : 'json';
}

export function createLogger(
  level: string,
  destination: pino.DestinationStream | NodeJS.WritableStream = process.stderr,
  format: LogFormat = 'json',
): Logger {
  // Loaded only when used: a CLI command whose log is JSON or silent does not pay for it.
  const pretty = () => createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;
  const out =
    format === 'pretty'
      ? pretty()({
          destination: destination as NodeJS.WritableStream,
          colorize: 'isTTY' in destination && destination.isTTY === true,
          sync: true,
          translateTime: 'SYS:HH:MM:ss.l',
          ignore: 'pid,hostname,service',
        })
      : destination;
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
    out as pino.DestinationStream,
  );
}
