// `callsheet db migrate` and `callsheet db status`.
import type { Command } from 'commander';
import { migrate, migrationStatus } from '../store/migrate.ts';
import type { CliContext } from './context.ts';

export function registerDb(program: Command, ctx: CliContext): void {
  const db = program.command('db').description('manage the database schema');
  db.command('migrate')
    .description('apply pending migrations (safe to run from several processes at once)')
    .action(async () => {
      await ctx.withStore(
        async (store) => {
          const applied = await store.sql.session((conn) =>
            migrate(conn, { log: (line) => ctx.say(`${line}\n`) }),
          );
          ctx.say(
            applied.length
              ? `${store.location}: ${applied.length} migration(s) applied; schema is current\n`
              : `${store.location}: schema is current, nothing to apply\n`,
          );
        },
        { migrations: 'none' },
      );
    });
  db.command('status')
    .description('list applied and pending migrations')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      const status = await ctx.withStore((store) => store.sql.session((conn) => migrationStatus(conn)), {
        migrations: 'none',
      });
      if (opts.json) {
        ctx.stdout(`${JSON.stringify(status, null, 2)}\n`);
      } else {
        for (const m of status.applied) ctx.say(`applied  ${m.name}  ${m.finishedAt}\n`);
        for (const name of status.pending) ctx.say(`pending  ${name}\n`);
        for (const name of status.edited) ctx.say(`EDITED   ${name} (changed after it was applied)\n`);
        for (const f of status.failed) ctx.say(`FAILED   ${f.name}: ${f.logs ?? ''}\n`);
        for (const name of status.unknown) ctx.say(`unknown  ${name} (applied by a newer Callsheet)\n`);
        ctx.say(
          status.pending.length
            ? `${status.pending.length} pending: run callsheet db migrate\n`
            : 'schema is current\n',
        );
      }
      if (status.pending.length || status.edited.length || status.failed.length) ctx.exitCode = 1;
    });
}
