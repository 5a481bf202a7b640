// The one place that reads the environment. Every setting Callsheet understands is declared
// here; `loadConfig` turns a bad value into one readable line per variable, never a stack trace.

import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { AppError } from './shared/errors.ts';

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** A URL with one of `protocols` and a host name. */
const urlOf = (protocols: readonly string[], message: string) =>
  z
    .string()
    .trim()
    .refine((v) => {
      try {
        const u = new URL(v);
        return protocols.includes(u.protocol) && u.hostname !== '';
      } catch {
        return false;
      }
    }, message);

const postgresUrl = urlOf(
  ['postgres:', 'postgresql:'],
  'must be a PostgreSQL connection URL, e.g. postgresql://callsheet:secret@db.example.com:5432/callsheet',
);

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''], {
    error: 'must be true or false (1/0 and yes/no also work)',
  })
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

/** Settings read from the environment (business settings live in the database). */
export const configSchema = z.object({
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined))
    .pipe(postgresUrl.optional()),
  CALLSHEET_DATA_DIR: z.string().trim().min(1).default('.callsheet'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent (e.g. info)',
    })
    .default('info'),
  /** auto: readable lines on a terminal, JSON lines when piped or in CI. */
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty'], { error: 'must be auto, json or pretty' }).default('auto'),
  PORT: z.coerce
    .number({ error: 'must be a TCP port number, e.g. 3000' })
    .int('must be a whole number, e.g. 3000')
    .min(1, 'must be between 1 and 65535, e.g. 3000')
    .max(65535, 'must be between 1 and 65535, e.g. 3000')
    .default(3000),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  SLACK_BOT_TOKEN: optionalText.pipe(
    z
      .string()
      .startsWith('xoxb-', 'must be a bot token starting with xoxb- (Slack app → OAuth & Permissions)')
      .optional(),
  ),
  SLACK_SIGNING_SECRET: optionalText.pipe(
    z
      .string()
      .regex(/^[0-9a-f]{32}$/i, 'must be the 32-character hex signing secret (Slack app → Basic Information)')
      .optional(),
  ),
  SLACK_APP_TOKEN: optionalText.pipe(
    z
      .string()
      .startsWith('xapp-', 'must be an app-level token starting with xapp- (Slack app → Basic Information)')
      .optional(),
  ),
  SLACK_API_URL: optionalText.pipe(
    z.url({ error: 'must be a URL ending in /api/, e.g. https://slack.com/api/' }).optional(),
  ),
  MICROSOFT_APP_ID: optionalText.pipe(
    z
      .string()
      .regex(
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
        'must be the bot’s Azure app (client) id, a GUID like 00000000-0000-0000-0000-000000000000',
      )
      .optional(),
  ),
  MICROSOFT_APP_PASSWORD: optionalText,
  /** Certificate credentials instead of a password: hex thumbprint + path of the PEM private key. */
  MICROSOFT_APP_CERTIFICATE_THUMBPRINT: optionalText.pipe(
    z
      .string()
      .regex(/^[0-9a-f]{40}$/i, 'must be the certificate’s 40-character hex (SHA-1) thumbprint')
      .optional(),
  ),
  MICROSOFT_APP_CERTIFICATE_KEY_FILE: optionalText,
  MICROSOFT_APP_TENANT_ID: optionalText,
  /** Teams app (manifest) id for `callsheet teams package`; defaults to MICROSOFT_APP_ID. */
  TEAMS_APP_ID: optionalText.pipe(
    z
      .string()
      .regex(
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
        'must be a GUID like 00000000-0000-0000-0000-000000000000',
      )
      .optional(),
  ),
  MICROSOFT_APP_TYPE: z
    .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], {
      error: 'must be MultiTenant, SingleTenant or UserAssignedMSI',
    })
    .default('MultiTenant'),
  TEAMS_ALLOW_UNAUTHENTICATED: flag.default(false),
  /** The mail server for reminders: smtp://user:pass@host:587 (STARTTLS) or smtps://…:465. */
  SMTP_URL: optionalText.pipe(
    urlOf(
      ['smtp:', 'smtps:'],
      'must be an SMTP URL, e.g. smtp://user:password@mail.example.com:587 (STARTTLS) or smtps://…:465',
    ).optional(),
  ),
  /** The sender of reminders, e.g. "Acme Receivables <ar@acme.example>". */
  OUTREACH_FROM: optionalText.pipe(
    z
      .string()
      .regex(/@[^\s@>]+\.[^\s@>]+>?$/, 'must be an e-mail address, e.g. Acme AR <ar@acme.example>')
      .optional(),
  ),
  /** Where customers' replies go (e.g. the team's shared mailbox); default: OUTREACH_FROM. */
  OUTREACH_REPLY_TO: optionalText,
  /** A directory of the company's own templates (<language>/<kind>.subject|txt|html). */
  OUTREACH_TEMPLATES_DIR: optionalText,
});

export type Config = z.output<typeof configSchema>;

export class ConfigError extends AppError {
  constructor(readonly problems: string[]) {
    super('config_invalid', problems.join('\n'));
    this.name = 'ConfigError';
  }
}

/** Reads `.env` from the working directory into `env`; variables already set win. */
export function loadDotEnv(path = '.env', env: NodeJS.ProcessEnv = process.env): void {
  if (!existsSync(path)) return;
  for (const [key, value] of Object.entries(parseEnv(readFileSync(path, 'utf8')))) {
    if (env[key] === undefined) env[key] = value;
  }
}

/** Parses the environment; throws ConfigError with one line per bad variable (values not echoed). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? 'environment');
    return `${name} ${issue.message}`;
  });
  throw new ConfigError([...new Set(problems)]);
}
