// `callsheet import <file|dir>…`: one transaction, a summary per file, the first errors on screen
// and all of them in <file>.errors.csv; exit 1 when anything was rejected.
import os from 'node:os';
import path from 'node:path';
import { type Command, Option } from 'commander';
import { type ImportProgress, importFiles } from '../app/import-files.ts';
import { escapeControls, quoted, shown } from '../domain/safe-text.ts';
import { ENTITIES, type Entity } from '../ingest/entities.ts';
import type { FileResult } from '../ingest/load-file.ts';
import { UserError } from '../shared/errors.ts';
import type { CliContext } from './context.ts';

interface ImportFlags {
  entity?: Entity;
  dryRun?: boolean;
  skipInvalid?: boolean;
  map: string[];
  dateFormat?: string;
  locale?: string;
  delimiter?: string;
  actor?: string;
}

const count = (n: number) => n.toLocaleString('en-US');

export function registerImport(program: Command, ctx: CliContext): void {
  program
    .command('import')
    .description('import ERP export files (CSV, JSON, NDJSON, optionally gzipped) in one transaction')
    .argument('<paths...>', 'files, or directories of files named after their entity (customers.csv…)')
    .addOption(
      new Option('--entity <entity>', 'what the files hold, when their names do not say').choices(ENTITIES),
    )
    .option('--dry-run', 'validate and report, write nothing')
    .option('--skip-invalid', 'write the valid rows even when some are rejected')
    .option(
      '--map <their=ours>',
      'read column "their" as our column "ours" (repeatable)',
      (v, all: string[]) => [...all, v],
      [],
    )
    .option('--date-format <format>', 'layout of non-ISO dates, e.g. DD/MM/YYYY or MM/DD/YY')
    .option(
      '--locale <locale>',
      'locale of amounts and month names: de-DE reads 1.234,56 and März (default: the import.locale setting, en-US)',
    )
    .option('--delimiter <char>', 'CSV delimiter: , ; | or tab (default: sniffed)')
    .option('--actor <name>', 'who is importing, recorded on every row (default: your user name)')
    .action(async (paths: string[], flags: ImportFlags) => {
      await ctx.withStore(async (store) => {
        const progress = ctx.isTty ? progressLine(ctx) : undefined;
        const result = await importFiles(
          { store, now: () => new Date() },
          {
            paths,
            entity: flags.entity,
            dryRun: flags.dryRun,
            skipInvalid: flags.skipInvalid,
            map: flags.map,
            dateFormat: flags.dateFormat,
            locale: flags.locale,
            delimiter: flags.delimiter,
            actor: { code: flags.actor ?? os.userInfo().username, source: 'import' },
          },
          progress?.update,
        );
        progress?.clear();
        if (!result.ok) throw new UserError(result.error.message, result.error.code === 'bad_option' ? 2 : 1);
        const report = result.value;
        for (const file of report.files) printFile(ctx, file, report.status === 'written');
        const rows = report.files.reduce((n, f) => n + f.rows, 0);
        const rate = report.seconds > 0 ? Math.round(rows / report.seconds) : rows;
        const took = `${count(rows)} rows from ${report.files.length} file${report.files.length === 1 ? '' : 's'} in ${report.seconds.toFixed(1)}s (${count(rate)} rows/s)`;
        if (report.status === 'written') ctx.stdout(`Imported ${took}.\n`);
        else if (report.status === 'dry_run') ctx.stdout(`Dry run: checked ${took}; nothing was written.\n`);
        else {
          ctx.stderr(
            `Nothing was written: fix the rows above${report.files.some((f) => f.fileError) ? '' : ', or pass --skip-invalid to import only the valid rows'}.\n`,
          );
          ctx.exitCode = 1;
        }
      });
    });
}

function printFile(ctx: CliContext, f: FileResult, written: boolean): void {
  // File names, columns and values come from outside: escaped before they reach the terminal.
  const name = escapeControls(path.basename(f.file));
  if (f.fileError) {
    ctx.stderr(`${name}: ${escapeControls(f.fileError)}\n`);
    return;
  }
  // Until it is written, an import only says what it would do.
  const [inserted, updated] = written ? ['inserted', 'updated'] : ['to insert', 'to update'];
  ctx.stdout(
    `${name} → ${f.entity}: ${count(f.inserted)} ${inserted}, ${count(f.updated)} ${updated}, ${count(f.unchanged)} unchanged, ${count(f.rejected)} rejected\n`,
  );
  if (f.ignoredColumns.length)
    ctx.stdout(
      `  ignored columns: ${f.ignoredColumns.map((c) => shown(c, 60)).join(', ')} (use --map their_header=our_column to read them)\n`,
    );
  for (const e of f.errors.shown) {
    const where = e.column ? `, ${escapeControls(e.column)}${e.value ? ` ${quoted(e.value)}` : ''}` : '';
    ctx.stderr(`  row ${e.row}${where}: ${escapeControls(e.reason)}\n`);
  }
  if (f.errors.count > f.errors.shown.length)
    ctx.stderr(`  … ${count(f.errors.count - f.errors.shown.length)} more\n`);
  if (f.errors.count)
    ctx.stderr(`  all ${count(f.errors.count)} errors are in ${escapeControls(f.errors.reportPath)}\n`);
}

/** A one-line progress bar on stderr: rows, rows/s and the time left, redrawn at most 10 times a second. */
function progressLine(ctx: CliContext) {
  const started = performance.now();
  let last = 0;
  let shown = false;
  return {
    update(p: ImportProgress) {
      const now = performance.now();
      if (now - last < 100) return;
      last = now;
      const seconds = (now - started) / 1000;
      const rate = seconds > 0 ? p.rows / seconds : 0;
      const done = p.size ? p.bytesRead / p.size : 0;
      const eta = done > 0 ? Math.max(0, (seconds / done) * (1 - done)) : 0;
      const width = 20;
      const bar = '█'.repeat(Math.round(done * width)).padEnd(width, '░');
      const file = p.files > 1 ? ` (${p.fileIndex + 1}/${p.files})` : '';
      ctx.stderr(
        `\r${bar} ${path.basename(p.file)}${file}  ${count(p.rows)} rows  ${count(Math.round(rate))} rows/s  ETA ${Math.ceil(eta)}s   `,
      );
      shown = true;
    },
    clear() {
      if (shown) ctx.stderr('\r\x1b[2K');
    },
  };
}
