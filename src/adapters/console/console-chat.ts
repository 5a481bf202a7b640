// The console chat: the same commands as Slack and Teams, typed in a terminal. Reads lines from
// any stream (a TTY with history and a prompt, or piped input for scripts and tests), runs each
// through the command core, and prints the reply as text. A number picks a choice offered by the
// previous reply.
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { splitCommandLine } from '../../app/commands/command-line.ts';
import { type CommandDeps, runCommand } from '../../app/commands/run-command.ts';
import type { Reply } from '../../app/reply.ts';
import { renderReplyText } from '../../views/console/reply-text.ts';

export interface ConsoleChatOptions {
  deps: CommandDeps;
  /** Collector code of whoever is typing. */
  as: string;
  input: NodeJS.ReadableStream;
  write: (text: string) => void;
  /** Prompt and greeting for a person at a terminal; plain output for pipes. */
  interactive: boolean;
  output?: NodeJS.WritableStream;
  /** Where an interactive session keeps its command history between runs. */
  historyFile?: string;
}

const HISTORY_SIZE = 500;

/** Most recent first, as readline wants it; a missing or unreadable file is an empty history. */
function loadHistory(file: string | undefined): string[] {
  if (!file) return [];
  try {
    return readFileSync(file, 'utf8').split('\n').filter(Boolean).reverse().slice(0, HISTORY_SIZE);
  } catch {
    return [];
  }
}

const EXIT = new Set(['exit', 'quit', 'bye', '\\q']);

/** Runs until the input ends or the user types exit; resolves with the number of error replies. */
export async function runConsoleChat(options: ConsoleChatOptions): Promise<{ errors: number }> {
  const session = randomUUID().slice(0, 8);
  const rl = createInterface({
    input: options.input,
    ...(options.interactive && options.output
      ? {
          output: options.output,
          terminal: true,
          historySize: HISTORY_SIZE,
          history: loadHistory(options.historyFile),
        }
      : {}),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  if (options.interactive && options.historyFile) {
    const file = options.historyFile;
    rl.on('history', (history: string[]) => {
      try {
        writeFileSync(file, `${[...history].reverse().join('\n')}\n`, { mode: 0o600 });
      } catch {
        // History is a convenience; a read-only home directory must not stop the chat.
      }
    });
  }
  const prompt = () => {
    if (options.interactive) {
      rl.setPrompt(`${options.as}> `);
      rl.prompt();
    }
  };
  if (options.interactive)
    options.write(`Callsheet chat as ${options.as}. Type \`help\` for commands, \`exit\` to leave.\n`);
  let choices: string[] = [];
  let n = 0;
  let errors = 0;
  prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) {
      prompt();
      continue;
    }
    if (EXIT.has(line.toLowerCase())) break;
    const picked = /^\d{1,2}$/.test(line) ? choices[Number(line) - 1] : undefined;
    const { command, text } = splitCommandLine(picked ?? line);
    if (picked && !options.interactive) options.write(`> ${picked}\n`);
    const reply: Reply = await runCommand(options.deps, {
      command,
      text,
      user: { platform: 'console', id: options.as },
      idempotencyKey: `${session}:${++n}`,
    });
    if (reply.tone === 'error') errors++;
    choices = (reply.actions ?? []).flatMap((a) => (a.kind === 'command' ? [a.command] : []));
    options.write(renderReplyText(reply, { numberActions: true }));
    prompt();
  }
  rl.close();
  return { errors };
}
