// `callsheet doctor`: says what works and what is missing, with the setting to change.
import type { Command } from 'commander';
import type { Config } from '../config.ts';
import { migrationStatus } from '../store/migrate.ts';
import type { CliContext } from './context.ts';

interface Check {
  ok: boolean | 'optional';
  what: string;
  detail: string;
}

export function chatChecks(config: Config): Check[] {
  const slack: Check = config.SLACK_BOT_TOKEN
    ? config.SLACK_APP_TOKEN
      ? { ok: true, what: 'Slack', detail: 'Socket Mode (SLACK_BOT_TOKEN + SLACK_APP_TOKEN)' }
      : config.SLACK_SIGNING_SECRET
        ? { ok: true, what: 'Slack', detail: 'HTTP mode (SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET)' }
        : {
            ok: false,
            what: 'Slack',
            detail:
              'SLACK_BOT_TOKEN is set but neither SLACK_SIGNING_SECRET (HTTP mode) nor SLACK_APP_TOKEN (Socket Mode) is',
          }
    : {
        ok: 'optional',
        what: 'Slack',
        detail:
          'off: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode) to enable',
      };
  let teams: Check;
  if (config.MICROSOFT_APP_ID) {
    const missing = [
      !config.MICROSOFT_APP_PASSWORD &&
        !config.MICROSOFT_APP_CERTIFICATE_THUMBPRINT &&
        config.MICROSOFT_APP_TYPE !== 'UserAssignedMSI' &&
        'MICROSOFT_APP_PASSWORD',
      config.MICROSOFT_APP_TYPE === 'SingleTenant' &&
        !config.MICROSOFT_APP_TENANT_ID &&
        'MICROSOFT_APP_TENANT_ID',
    ].filter(Boolean);
    teams = missing.length
      ? {
          ok: false,
          what: 'Teams',
          detail: `MICROSOFT_APP_ID is set but ${missing.join(' and ')} is missing`,
        }
      : { ok: true, what: 'Teams', detail: `${config.MICROSOFT_APP_TYPE} bot, tokens verified` };
  } else if (config.TEAMS_ALLOW_UNAUTHENTICATED) {
    teams = {
      ok: true,
      what: 'Teams',
      detail: 'local unauthenticated mode (testing only, bound to 127.0.0.1)',
    };
  } else {
    teams = {
      ok: 'optional',
      what: 'Teams',
      detail:
        'off: set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD (and MICROSOFT_APP_TENANT_ID for single-tenant) to enable',
    };
  }
  return [slack, teams];
}

export function registerDoctor(program: Command, ctx: CliContext): void {
  program
    .command('doctor')
    .description('check the configuration, the database and the chat connections')
    .action(async () => {
      const config = ctx.config();
      const checks: Check[] = [{ ok: true, what: 'Configuration', detail: 'environment settings are valid' }];
      await ctx.withStore(
        async (store) => {
          checks.push({
            ok: true,
            what: 'Database',
            detail: `${store.backend} at ${store.location} is reachable`,
          });
          const status = await store.sql.session((conn) => migrationStatus(conn));
          const problems = [...status.pending, ...status.edited, ...status.failed.map((f) => f.name)];
          checks.push(
            problems.length
              ? {
                  ok: false,
                  what: 'Migrations',
                  detail: status.edited.length
                    ? `edited after being applied: ${status.edited.join(', ')}`
                    : `${problems.length} pending or failed: run callsheet db migrate`,
                }
              : {
                  ok: true,
                  what: 'Migrations',
                  detail: `${status.applied.length} applied, schema is current`,
                },
          );
        },
        // The embedded database migrates itself; a real Postgres is migrated on purpose.
        { migrations: config.DATABASE_URL ? 'none' : 'auto' },
      );
      checks.push(...chatChecks(config));
      const width = Math.max(...checks.map((c) => c.what.length));
      for (const c of checks) {
        const mark = c.ok === true ? 'ok  ' : c.ok === 'optional' ? '--  ' : 'FAIL';
        ctx.say(`${mark} ${c.what.padEnd(width)}  ${c.detail}\n`);
      }
      if (checks.some((c) => c.ok === false)) ctx.exitCode = 1;
    });
}
