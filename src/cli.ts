// The `callsheet` command. Each sub-command lives in src/cli/<name>.ts; the table below names
// them with their help line, and only the module of the command being run is loaded, so
// `callsheet --version` or a quick `sheet` does not pay for every other command's dependencies.
// Exit codes: 0 ok, 1 failure, 2 usage error. Errors are one readable line, never a stack trace.
import { Command, CommanderError, Help } from 'commander';
import type { CliContext, CliIo } from './cli/context.ts';
import { createContext } from './cli/context.ts';
import { escapeControls } from './domain/safe-text.ts';
import { toAppError } from './shared/errors.ts';
import { packageVersion } from './shared/package-root.ts';
import { describeConnectionLoss, isConnectionLost } from './store/sql-errors.ts';

type Register = (program: Command, ctx: CliContext) => void;

interface CommandEntry {
  /** How the command appears in `callsheet --help` (name, options, arguments). */
  term: string;
  description: string;
  /** Loads or replays much data: the embedded database gets its full memory (see `lean`). */
  bulk?: true;
  /** The module that registers it (some register two commands, e.g. chat and logcall). */
  load: () => Promise<Register>;
}

const chat = async () => (await import('./cli/chat.ts')).registerChat;
const jobs = async () => (await import('./cli/jobs.ts')).registerJobs;
const sheet = async () => (await import('./cli/sheet.ts')).registerSheet;

/** Every sub-command, in the order `--help` lists them. */
export const COMMANDS: Record<string, CommandEntry> = {
  chat: {
    term: 'chat [options]',
    description: 'chat with Callsheet in the terminal, as a collector (reads commands from stdin when piped)',
    load: chat,
  },
  logcall: {
    term: 'logcall [options] <text...>',
    description: 'log one call outcome, e.g. callsheet logcall --as ava "ACME promised 5k by 5/30"',
    load: chat,
  },
  alerts: {
    term: 'alerts [options]',
    description: 'scan for new alerts and list the open ones (ack / snooze to act on one)',
    load: async () => (await import('./cli/alerts.ts')).registerAlerts,
  },
  db: {
    term: 'db',
    description: 'manage the database schema',
    load: async () => (await import('./cli/db.ts')).registerDb,
  },
  demo: {
    term: 'demo [options]',
    description: 'load the demo company (idempotent) and show this morning',
    bulk: true,
    load: async () => (await import('./cli/demo.ts')).registerDemo,
  },
  doctor: {
    term: 'doctor',
    description: 'check the configuration, the database and the chat connections',
    load: async () => (await import('./cli/doctor.ts')).registerDoctor,
  },
  jobs: {
    term: 'jobs [options]',
    description: 'recent scheduled runs (digests, promise evaluation, alert scans) and failures',
    load: jobs,
  },
  digest: {
    term: 'digest [options]',
    description:
      "post this morning's call sheets and team summary now, through Slack and/or Teams (printed here when neither is configured)",
    load: jobs,
  },
  outreach: {
    term: 'outreach',
    description: "the automated tier's reminder e-mails: preview, send (exactly once), status",
    load: async () => (await import('./cli/outreach.ts')).registerOutreach,
  },
  kpis: {
    term: 'kpis [options]',
    description: 'collections KPIs per month for the team and each collector (see docs/kpis.md)',
    load: async () => (await import('./cli/kpis.ts')).registerKpis,
  },
  backtest: {
    term: 'backtest [options]',
    description: "replay past days: Callsheet's call lists against naive baselines (see docs/backtest.md)",
    bulk: true,
    load: async () => (await import('./cli/backtest.ts')).registerBacktest,
  },
  policy: {
    term: 'policy',
    description: 'the collections policy: fit the lateness model',
    bulk: true,
    load: async () => (await import('./cli/policy.ts')).registerPolicy,
  },
  import: {
    term: 'import [options] <paths...>',
    description: 'import ERP export files (CSV, JSON, NDJSON, optionally gzipped) in one transaction',
    bulk: true,
    load: async () => (await import('./cli/import.ts')).registerImport,
  },
  export: {
    term: 'export [options] <entity>',
    description: 'write an entity in the import format, so export → import changes nothing',
    load: async () => (await import('./cli/export.ts')).registerExport,
  },
  serve: {
    term: 'serve [options]',
    description: 'serve Slack and/or Teams and run the schedules (stops gracefully on SIGTERM)',
    load: async () => (await import('./cli/serve.ts')).registerServe,
  },
  teams: {
    term: 'teams',
    description: 'Microsoft Teams app tools',
    load: async () => (await import('./cli/teams.ts')).registerTeams,
  },
  sheet: {
    term: 'sheet [options]',
    description: 'print call sheets: whom to call, in which order, what to do and why',
    load: sheet,
  },
  team: {
    term: 'team [options]',
    description:
      "the manager's view: each collector's load, overflow, escalations, promises due and the agency queue",
    load: sheet,
  },
  account: {
    term: 'account [options] <customer>',
    description: "an account's open invoices, each with its probability of being paid more than L days late",
    load: async () => (await import('./cli/account.ts')).registerAccount,
  },
  settings: {
    term: 'settings [options]',
    description: 'list the business settings (policy, commands, alerts, schedule, kpis) and their defaults',
    load: async () => (await import('./cli/settings.ts')).registerSettings,
  },
};

/** The sub-command `argv` runs (`help <name>` counts as <name>), if it names one. */
export function selectedCommand(argv: readonly string[]): string | undefined {
  const words = argv.filter((a) => !a.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  return name !== undefined && Object.hasOwn(COMMANDS, name) ? name : undefined;
}

/**
 * The program with the selected command fully registered (loading its module) and every other
 * command as a name and description only, enough for `--help` and for commander's suggestions.
 */
export async function buildProgram(
  io: CliIo,
  argv: readonly string[],
): Promise<{ program: Command; ctx: CliContext }> {
  const selected = selectedCommand(argv);
  const loadConfig = selected
    ? (await import('./config.ts')).loadConfig
    : () => {
        throw new Error('settings are read only by a sub-command');
      };
  const ctx = createContext(io, loadConfig, selected !== undefined && !COMMANDS[selected]?.bulk);
  const program = new Command('callsheet')
    .description('Priority call sheets, call logging and early warnings for B2B collections teams.')
    .version(packageVersion(), '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .configureHelp({
      subcommandTerm: (cmd) => COMMANDS[cmd.name()]?.term ?? new Help().subcommandTerm(cmd),
    });
  const register = selected ? await COMMANDS[selected]?.load() : undefined;
  for (const [name, entry] of Object.entries(COMMANDS)) {
    if (program.commands.some((c) => c.name() === name)) continue; // registered with its sibling
    if (register && entry.load === COMMANDS[selected as string]?.load) register(program, ctx);
    else program.command(name).description(entry.description);
  }
  for (const command of program.commands) applyToTree(command);
  return { program, ctx };
}

/** Sub-commands inherit exitOverride and output settings so usage errors exit 2 everywhere. */
function applyToTree(command: Command): void {
  command.exitOverride().showHelpAfterError('(run with --help for usage)');
  for (const sub of command.commands) applyToTree(sub);
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const { program, ctx } = await buildProgram(io, argv);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
      if (err.code === 'commander.help' || err.code === 'commander.executeSubCommandAsync') return 0;
      return 2; // commander already printed what was wrong
    }
    if (isConfigError(err)) {
      for (const problem of err.problems) io.stderr(`callsheet: ${problem}\n`);
      return 1;
    }
    if (isConnectionLost(err)) {
      // An expected event (a restart, a failover, a killed backend): one line, no stack.
      io.stderr(`callsheet: ${describeConnectionLoss(err)}\n`);
      return 1;
    }
    const failure = toAppError(err);
    io.stderr(`callsheet: ${escapeControls(failure.userMessage)}\n`);
    if (failure.code === 'unexpected' && io.env.LOG_LEVEL === 'debug' && err instanceof Error) {
      io.stderr(`${err.stack}\n`);
    }
    return failure.exitCode;
  }
}

/** config.ts's ConfigError, recognised without loading the settings schema at start-up. */
function isConfigError(err: unknown): err is { problems: string[] } {
  return (
    err instanceof Error &&
    err.name === 'ConfigError' &&
    Array.isArray((err as { problems?: unknown }).problems)
  );
}

/** Entry point for bin/callsheet.mjs. */
export async function main(): Promise<void> {
  // `callsheet sheet | head` closes the pipe early: that is not an error worth a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  const selected = selectedCommand(process.argv.slice(2));
  // A short command on the embedded database spends most of its time compiling PGlite's
  // WebAssembly: V8's baseline compiler alone starts it in half the CPU and ~70 MB less memory,
  // and such a command ends before optimised code would pay off. Long runs (serve, bulk loads,
  // replays) keep the optimising tier. Set before anything compiles WebAssembly.
  if (selected && !COMMANDS[selected]?.bulk && selected !== 'serve')
    (await import('node:v8')).setFlagsFromString('--liftoff-only');
  // Settings matter only to a command that runs (not to --version or --help).
  if (selected) (await import('./config.ts')).loadDotEnv();
  const code = await runCli(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    isTty: Boolean(process.stdout.isTTY) && !process.env.CI,
  });
  process.exitCode = code;
}
