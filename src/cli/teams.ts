// `callsheet teams package`: the Teams app package to upload (Teams admin center, or Apps →
// Manage your apps → Upload an app), with this deployment's bot id.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { buildTeamsPackage } from '../adapters/teams/teams-package.ts';
import { UserError } from '../shared/errors.ts';
import { packageVersion } from '../shared/package-root.ts';
import type { CliContext } from './context.ts';

export function registerTeams(program: Command, ctx: CliContext): void {
  const teams = program.command('teams').description('Microsoft Teams app tools');
  teams
    .command('package')
    .description('zip manifests/teams with this bot’s ids into an app package to upload to Teams')
    .option('--out <file>', 'where to write the package', 'callsheet-teams.zip')
    .action((flags: { out: string }) => {
      const config = ctx.config();
      if (!config.MICROSOFT_APP_ID) {
        throw new UserError(
          'set MICROSOFT_APP_ID to the bot’s Azure app (client) id before packaging: the manifest’s botId must match it',
        );
      }
      const ids = {
        botId: config.MICROSOFT_APP_ID,
        appId: config.TEAMS_APP_ID ?? config.MICROSOFT_APP_ID,
        version: packageVersion(),
      };
      const { zip } = buildTeamsPackage(ids);
      const out = path.resolve(flags.out);
      try {
        writeFileSync(out, zip);
      } catch (err) {
        throw new UserError(
          `cannot write ${out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
        );
      }
      ctx.say(
        `wrote ${out} (${zip.length} bytes): Teams app ${ids.appId}, bot ${ids.botId}, version ${ids.version}\n`,
      );
    });
}
