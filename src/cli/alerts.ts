// `callsheet alerts`: scans for new alerts and lists the open ones; `ack` and `snooze` act on one.
import type { Command } from 'commander';
import { acknowledgeAlert } from '../app/acknowledge-alert.ts';
import { kindCountsText, totalOf } from '../app/alert-model.ts';
import type { AppDeps } from '../app/deps.ts';
import { systemClock } from '../app/deps.ts';
import { countAlerts, DEFAULT_ALERT_LIMIT, listAlerts } from '../app/list-alerts.ts';
import { scanAlerts } from '../app/scan-alerts.ts';
import { snoozeAlert } from '../app/snooze-alert.ts';
import { type IsoDate, isIsoDate } from '../domain/calendar.ts';
import { UserError } from '../shared/errors.ts';
import type { Store } from '../store/open-store.ts';
import { alertJson, alertsText } from '../views/console/alert-text.ts';
import type { CliContext } from './context.ts';

interface ListFlags {
  all?: boolean;
  json?: boolean;
  scan: boolean;
  asOf?: string;
  limit: string;
}

function parseId(text: string): number {
  const id = Number(text.replace(/^#/, ''));
  if (!Number.isSafeInteger(id) || id < 1)
    throw new UserError(`alert id must be a number like 12 (got ${text})`, 2);
  return id;
}

export function registerAlerts(program: Command, ctx: CliContext): void {
  const alerts = program
    .command('alerts')
    .description('scan for new alerts and list the open ones (ack / snooze to act on one)')
    .option('--all', 'also list acknowledged and snoozed alerts')
    .option('--json', 'print JSON (kind, customer, severity, status, message, numbers)')
    .option('--no-scan', 'list what is stored without scanning first')
    .option('--as-of <date>', 'scan as of this day (YYYY-MM-DD); default: today')
    .option('--limit <n>', 'at most this many alerts', String(DEFAULT_ALERT_LIMIT))
    .action(async (flags: ListFlags) => {
      const limit = Number(flags.limit);
      if (!Number.isSafeInteger(limit) || limit < 1)
        throw new UserError(`--limit must be a whole number ≥ 1 (got ${flags.limit})`, 2);
      if (flags.asOf && !isIsoDate(flags.asOf))
        throw new UserError(`--as-of must be a date like 2027-05-28 (got ${flags.asOf})`, 2);
      const asOf = flags.asOf;
      await ctx.withStore(async (store) => {
        const deps: AppDeps = { store, now: systemClock };
        if (flags.scan) await scanAlerts(deps, asOf ? { asOf } : {});
        const list = await listAlerts(deps, { all: flags.all ?? false, limit });
        if (flags.json) {
          ctx.stdout(`${JSON.stringify(list.map(alertJson), null, 2)}\n`);
          return;
        }
        ctx.say(alertsText(list, flags.all ? 'Alerts' : 'Open alerts'));
        if (list.length < limit) return;
        const total = totalOf(await countAlerts(deps, { all: flags.all ?? false }));
        if (total > list.length)
          ctx.say(
            `\nShown: the first ${list.length} of ${total}, most urgent first; --limit ${total} lists them all.\n`,
          );
      });
    });

  for (const [name, what] of [
    ['ack', 'acknowledge an alert: it leaves the open list and is not posted again'],
    ['snooze', 'snooze an alert for some days (default 7); it comes back after'],
  ] as const) {
    const sub = alerts
      .command(`${name} <id>`)
      .description(what)
      .option('--as <collector>', 'who is acting (recorded on the alert)', 'cli');
    if (name === 'snooze') sub.option('--days <n>', 'how many days', '7');
    sub.action(async (idText: string, flags: { as: string; days?: string }) => {
      const id = parseId(idText);
      await ctx.withStore(async (store) => {
        const deps: AppDeps = { store, now: systemClock };
        const actor = { code: flags.as, source: 'cli' as const };
        const result =
          name === 'ack'
            ? await acknowledgeAlert(deps, { id, actor })
            : await snoozeAlert(deps, { id, actor, days: Number(flags.days) });
        if (!result.ok) throw new UserError(result.error.message);
        const v = result.value;
        ctx.say(
          v.status === 'snoozed'
            ? `Snoozed alert #${v.id} until ${v.snoozedUntil}.\n`
            : `Acknowledged alert #${v.id} (${v.title}).\n`,
        );
      });
    });
  }
}

/** For `npm run demo`: today's alerts for the demo company, the most urgent with their explanation. */
export async function showTodaysAlerts(
  store: Store,
  asOf: IsoDate,
  write: (text: string) => void,
): Promise<void> {
  const deps: AppDeps = { store, now: systemClock };
  await scanAlerts(deps, { asOf });
  const open = await listAlerts(deps);
  const shown = mostUrgentOfEachKind(open, DEMO_SHOWN);
  write(`\n${alertsText(shown, `Today's alerts (as of ${asOf}), most urgent first`)}`);
  // Counted, not taken from the list: the list stops at its limit.
  const byKind = await countAlerts(deps);
  const total = totalOf(byKind);
  if (total > shown.length) {
    const command = `callsheet alerts${total > DEFAULT_ALERT_LIMIT ? ` --limit ${total}` : ''}`;
    write(
      `\n${total} open alerts in all (${kindCountsText(byKind)}): run \`${command}\` to see every one.\n`,
    );
  }
}

const DEMO_SHOWN = 8;

/**
 * At most `n` alerts, most urgent first, with the most urgent of every kind among them: one kind
 * with many alerts must not hide that the others exist.
 */
export function mostUrgentOfEachKind<T extends { kind: string }>(urgentFirst: readonly T[], n: number): T[] {
  const firsts = new Set<T>();
  const seen = new Set<string>();
  for (const a of urgentFirst)
    if (!seen.has(a.kind) && firsts.size < n) {
      seen.add(a.kind);
      firsts.add(a);
    }
  const rest = urgentFirst.filter((a) => !firsts.has(a)).slice(0, n - firsts.size);
  const chosen = new Set([...firsts, ...rest]);
  return urgentFirst.filter((a) => chosen.has(a));
}
