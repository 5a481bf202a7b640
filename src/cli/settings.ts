// `callsheet settings`: every business setting with its value and default; `set` changes one and
// `reset` puts it back, each validated by the feature that owns it and recorded with who did it.
import type { Command } from 'commander';
import {
  changeSetting,
  describeSetting,
  listSettings,
  resetSetting,
  type SettingLine,
} from '../app/business-settings.ts';
import type { CliContext } from './context.ts';

function settingsText(lines: readonly SettingLine[]): string {
  const width = Math.max(...lines.map((l) => l.path.length));
  const rows = lines.map(
    (l) => `${l.path.padEnd(width)}  ${l.value}${l.stored ? `   (default ${l.defaultValue})` : ''}`,
  );
  return `${rows.join('\n')}\n\nChange one: callsheet settings set <setting> <value>; back to its default: callsheet settings reset <setting>.\n`;
}

const changed = (l: SettingLine) => `${describeSetting(l)}\n`;

export function registerSettings(program: Command, ctx: CliContext): void {
  const settings = program
    .command('settings')
    .description('list the business settings (policy, commands, alerts, schedule, kpis) and their defaults')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }) => {
      await ctx.withStore(async (store) => {
        const lines = await listSettings(store.sql);
        if (flags.json) ctx.stdout(`${JSON.stringify(lines, null, 2)}\n`);
        else ctx.say(settingsText(lines));
      });
    });
  settings
    .command('set <setting> <value>')
    .description(
      'change one setting, e.g. `settings set policy.lateness.lateDays 45` or `schedule.holidays \'["2027-12-24"]\'`',
    )
    .option('--as <who>', 'who is changing it (recorded)', 'cli')
    .action(async (path: string, value: string, flags: { as: string }) => {
      await ctx.withStore(async (store) => {
        const who = { actor: flags.as, source: 'cli' };
        ctx.say(changed(await store.sql.transaction((tx) => changeSetting(tx, path, value, who))));
      });
    });
  settings
    .command('reset <setting>')
    .description('put one setting back to its default')
    .option('--as <who>', 'who is changing it (recorded)', 'cli')
    .action(async (path: string, flags: { as: string }) => {
      await ctx.withStore(async (store) => {
        const who = { actor: flags.as, source: 'cli' };
        ctx.say(changed(await store.sql.transaction((tx) => resetSetting(tx, path, who))));
      });
    });
}
