// `callsheet export <entity>`: the entity's rows in the import format, to stdout or a file
// (gzipped when its name ends in .gz).
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { Argument, type Command, Option } from 'commander';
import { type ExportFormat, exportEntity } from '../app/export-entity.ts';
import { ENTITIES, type Entity } from '../ingest/entities.ts';
import type { CliContext } from './context.ts';

export function registerExport(program: Command, ctx: CliContext): void {
  program
    .command('export')
    .description('write an entity in the import format, so export → import changes nothing')
    .addArgument(new Argument('<entity>', 'what to export').choices(ENTITIES))
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'ndjson']).default('csv'))
    .option('--out <file>', 'write to this file (gzipped if it ends in .gz) instead of stdout')
    .action(async (entity: Entity, flags: { format: ExportFormat; out?: string }) => {
      await ctx.withStore(async (store) => {
        const chunks = exportEntity({ store, now: () => new Date() }, { entity, format: flags.format });
        if (!flags.out) {
          for await (const chunk of chunks) ctx.stdout(chunk);
          return;
        }
        const file = createWriteStream(flags.out);
        if (flags.out.endsWith('.gz')) await pipeline(Readable.from(chunks), createGzip(), file);
        else await pipeline(Readable.from(chunks), file);
      });
    });
}
