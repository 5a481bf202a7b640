// `callsheet sheet` (a collector's or everyone's call sheet, the automated tier as a mail-merge
// CSV) and `callsheet team` (the manager's view). Also prints this morning's sheets for the demo.
import { type Command, Option } from 'commander';
import { buildCallSheets } from '../app/build-call-sheets.ts';
import { systemClock } from '../app/deps.ts';
import { kpiNotes } from '../app/kpi-notes.ts';
import type { CallSheet, SheetSet } from '../app/sheet-model.ts';
import { isIsoDate } from '../domain/calendar.ts';
import { decimalFromCents } from '../domain/money.ts';
import { UserError } from '../shared/errors.ts';
import type { Store } from '../store/open-store.ts';
import { mailMergeCsv } from '../views/console/mail-merge-csv.ts';
import { agencyText, automatedText, sheetOneLine, sheetText, teamText } from '../views/console/sheet-text.ts';
import type { CliContext } from './context.ts';

interface SheetFlags {
  collector?: string;
  date?: string;
  asOf?: string;
  limit?: string;
  json?: boolean;
  automated?: boolean;
  format?: 'text' | 'json' | 'csv';
}

function parseLimit(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1)
    throw new UserError(`--limit must be a whole number ≥ 1 (got ${text})`, 2);
  return n;
}

function asOfFlag(flags: { date?: string; asOf?: string }): { asOf?: string } {
  if (flags.date && flags.asOf && flags.date !== flags.asOf)
    throw new UserError('give either --date or --as-of, not both', 2);
  const text = flags.date ?? flags.asOf;
  if (text === undefined) return {};
  if (!isIsoDate(text))
    throw new UserError(
      `${flags.date ? '--date' : '--as-of'} must be a date like 2027-05-28 (got ${text})`,
      2,
    );
  return { asOf: text };
}

/** The JSON contract of `callsheet sheet --json` (money as decimal strings). */
export function sheetJson(sheet: CallSheet, limit?: number) {
  return {
    date: sheet.asOf,
    collector: { code: sheet.collector.code, name: sheet.collector.name },
    summary: { ...sheet.summary, overdue: decimalFromCents(sheet.summary.overdueCents) },
    rows: sheet.rows.slice(0, limit).map((r) => ({
      rank: r.rank,
      customerCode: r.customer.code,
      customerName: r.customer.name,
      expectedLateCents: r.expectedLateCents,
      lateProbability: Number(r.lateProbability.toFixed(4)),
      score: r.score,
      overdue: decimalFromCents(r.overdueCents),
      open: decimalFromCents(r.openCents),
      oldestDaysPastDue: r.oldestDaysPastDue,
      action: r.action.label,
      step: r.action.step,
      escalated: r.action.escalated,
      contact: r.contact,
      reasons: r.reasons,
      invoiceNumbers: r.invoiceNumbers,
      daysToPayTrend: r.trend,
      pinned: r.pinned,
      reserved: r.reserved,
    })),
  };
}

function automatedJson(set: SheetSet, limit?: number) {
  return set.automated.slice(0, limit).map((r) => ({
    customerCode: r.customer.code,
    customerName: r.customer.name,
    overdue: decimalFromCents(r.overdueCents),
    oldestDaysPastDue: r.oldestDaysPastDue,
    step: r.action.step,
    action: r.action.label,
    contact: r.contact,
    invoiceNumbers: r.invoiceNumbers,
    collector: r.collectorCode,
    overCapacity: r.overCapacity,
  }));
}

export function registerSheet(program: Command, ctx: CliContext): void {
  program
    .command('sheet')
    .description('print call sheets: whom to call, in which order, what to do and why')
    .option('--collector <code>', "only this collector's sheet")
    .option('--date <date>', 'as of this day (YYYY-MM-DD), from what was known then; default: today')
    .option('--as-of <date>', 'same as --date')
    .option('--limit <n>', 'at most this many rows per sheet')
    .option('--json', 'JSON instead of text (same as --format json)')
    .option('--automated', 'the automated tier (letters, e-mails) instead of the call sheets')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'csv']))
    .action(async (flags: SheetFlags) => {
      const limit = parseLimit(flags.limit);
      const format = flags.json ? 'json' : (flags.format ?? 'text');
      if (format === 'csv' && !flags.automated)
        throw new UserError('--format csv is the mail-merge queue: add --automated', 2);
      const options = {
        ...asOfFlag(flags),
        ...(flags.collector ? { collectorCode: flags.collector } : {}),
        // The call sheets alone do not list the automated tier (its contacts and invoices).
        automated: Boolean(flags.automated),
      };
      await ctx.withStore(async (store) => {
        const set = await buildCallSheets({ store, now: systemClock }, options);
        if (flags.automated) {
          if (format === 'csv') ctx.stdout(mailMergeCsv(set.automated.slice(0, limit)));
          else if (format === 'json') ctx.stdout(`${JSON.stringify(automatedJson(set, limit), null, 2)}\n`);
          else ctx.say(automatedText(set.automated, limit, set.summary.display));
          return;
        }
        if (format === 'json') {
          const sheets = set.sheets.map((s) => sheetJson(s, limit));
          ctx.stdout(`${JSON.stringify(flags.collector ? sheets[0] : sheets, null, 2)}\n`);
          return;
        }
        ctx.say(set.sheets.map((s) => sheetText(s, limit)).join('\n'));
      });
    });

  program
    .command('team')
    .description(
      "the manager's view: each collector's load, overflow, escalations, promises due and the agency queue",
    )
    .option('--date <date>', 'as of this day (YYYY-MM-DD); default: today')
    .option('--as-of <date>', 'same as --date')
    .option('--json', 'JSON instead of text')
    .option('--limit <n>', 'at most this many accounts of the agency queue (default 20)')
    .action(async (flags: { date?: string; asOf?: string; json?: boolean; limit?: string }) => {
      const options = asOfFlag(flags);
      const limit = parseLimit(flags.limit) ?? 20;
      await ctx.withStore(async (store) => {
        const set = await buildCallSheets({ store, now: systemClock }, options);
        set.summary.notes.push(...(await kpiNotes({ store, now: systemClock }, set.asOf)));
        if (flags.json)
          ctx.stdout(`${JSON.stringify({ ...set.summary, agencyQueue: set.agency }, null, 2)}\n`);
        else {
          ctx.say(teamText(set.summary, set.sheets));
          if (set.agency.length) ctx.say(`\n${agencyText(set.agency, limit, set.summary.display)}`);
        }
      });
    });
}

/** For `callsheet demo`: this morning's sheets, the first two in full and one line for the rest. */
export async function printMorningSheets(
  store: Store,
  asOf: string,
  ctx: CliContext,
  full = 2,
): Promise<void> {
  const set = await buildCallSheets({ store, now: systemClock }, { asOf });
  ctx.say(`\nThis morning's call sheets (${asOf}):\n\n`);
  set.sheets.slice(0, full).forEach((s) => {
    ctx.say(`${sheetText(s, 10)}\n`);
  });
  for (const s of set.sheets.slice(full)) ctx.say(`  ${sheetOneLine(s)}\n`);
  ctx.say(teamText(set.summary, set.sheets));
  ctx.say(
    'Try: callsheet sheet --collector <code> · callsheet team · callsheet sheet --automated --format csv\n',
  );
}
