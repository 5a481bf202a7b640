// The `callsheet` command. Each sub-command lives in src/cli/<name>.ts and registers itself here.
// Exit codes: 0 ok, 1 failure, 2 usage error. Errors are one readable line, never a stack trace.
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { registerAccount } from './cli/account.ts';
import { registerAlerts } from './cli/alerts.ts';
import { registerBacktest } from './cli/backtest.ts';
import { registerChat } from './cli/chat.ts';
import { type CliIo, createContext } from './cli/context.ts';
import { registerDb } from './cli/db.ts';
import { registerDemo } from './cli/demo.ts';
import { registerDoctor } from './cli/doctor.ts';
import { registerExport } from './cli/export.ts';
import { registerImport } from './cli/import.ts';
import { registerJobs } from './cli/jobs.ts';
import { registerKpis } from './cli/kpis.ts';
import { registerOutreach } from './cli/outreach.ts';
import { registerPolicy } from './cli/policy.ts';
import { registerServe } from './cli/serve.ts';
import { registerSettings } from './cli/settings.ts';
import { registerSheet } from './cli/sheet.ts';
import { registerTeams } from './cli/teams.ts';
import { ConfigError, loadDotEnv } from './config.ts';
import { escapeControls } from './domain/safe-text.ts';
import { toAppError } from './shared/errors.ts';
import { describeConnectionLoss, isConnectionLost } from './store/sql-errors.ts';

const VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export function buildProgram(io: CliIo): { program: Command; ctx: ReturnType<typeof createContext> } {
  const ctx = createContext(io);
  const program = new Command('callsheet')
    .description('Priority call sheets, call logging and early warnings for B2B collections teams.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerChat(program, ctx);
  registerAlerts(program, ctx);
  registerDb(program, ctx);
  registerDemo(program, ctx);
  registerDoctor(program, ctx);
  registerJobs(program, ctx);
  registerKpis(program, ctx);
  registerBacktest(program, ctx);
  registerPolicy(program, ctx);
  registerImport(program, ctx);
  registerExport(program, ctx);
  registerServe(program, ctx);
  registerTeams(program, ctx);
  registerSheet(program, ctx);
  registerOutreach(program, ctx);
  registerAccount(program, ctx);
  registerSettings(program, ctx);
  for (const command of program.commands) applyToTree(command);
  return { program, ctx };
}

/** Sub-commands inherit exitOverride and output settings so usage errors exit 2 everywhere. */
function applyToTree(command: Command): void {
  command.exitOverride().showHelpAfterError('(run with --help for usage)');
  for (const sub of command.commands) applyToTree(sub);
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const { program, ctx } = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
      if (err.code === 'commander.help' || err.code === 'commander.executeSubCommandAsync') return 0;
      return 2; // commander already printed what was wrong
    }
    if (err instanceof ConfigError) {
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

/** Entry point for bin/callsheet.mjs. */
export async function main(): Promise<void> {
  // `callsheet sheet | head` closes the pipe early: that is not an error worth a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  loadDotEnv();
  const code = await runCli(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    isTty: Boolean(process.stdout.isTTY) && !process.env.CI,
  });
  process.exitCode = code;
}
