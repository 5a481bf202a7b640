// Structured logs (JSON lines via pino). Secrets are redacted wherever they might appear: request
// headers that carry signatures or tokens, and any field named like a credential.
import pino from 'pino';

export type Logger = pino.Logger;

const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-slack-signature"]',
  'headers.authorization',
  'headers["x-slack-signature"]',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  '*.password',
  '*.appPassword',
  '*.secret',
  '*.clientSecret',
  '*.databaseUrl',
];

export function createLogger(
  level: string,
  destination: pino.DestinationStream | NodeJS.WritableStream = process.stderr,
): Logger {
  return pino(
    {
      level,
      base: { service: 'callsheet' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination as pino.DestinationStream,
  );
}
