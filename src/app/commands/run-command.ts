// The one entry point every surface calls: a command from a known collector → a platform-neutral
// reply. It never throws: expected problems are replies that say how to fix them, a lost database
// connection is retried once and then answered with "try again", and anything unexpected becomes a
// safe apology (reported through deps.reportError) with nothing half-written.
import { unstorableText } from '../../domain/safe-text.ts';
import { type CommandOutcome, countCommand } from '../../shared/metrics.ts';
import { retryOnceIfConnectionLost } from '../../store/sql-errors.ts';
import {
  type ChatPlace,
  COMMAND_NAMES,
  type CommandName,
  type CommandRequest,
  commandNamed,
} from '../command-model.ts';
import type { AppDeps } from '../deps.ts';
import type { Reply } from '../reply.ts';
import { type CommandActor, findActor, notLinkedMessage } from './actor.ts';
import { assignCustomer } from './assign-customer.ts';
import { bindPlace } from './bind-place.ts';
import { changeSettings } from './change-settings.ts';
import { splitCommandLine } from './command-line.ts';
import { creditHold } from './credit-hold.ts';
import { helpReply } from './help.ts';
import { listPromises } from './list-promises.ts';
import { logCall } from './log-call.ts';
import { myCalls } from './my-calls.ts';
import { postDigests } from './post-digests.ts';
import { errorReply, failureReply } from './replies.ts';
import { showAccount } from './show-account.ts';
import { showSheet } from './show-sheet.ts';
import { undoChange } from './undo-change.ts';

export interface CommandDeps extends AppDeps {
  /** Where unexpected errors go (a logger); the user only sees a safe message. */
  reportError?: (err: unknown, context: { command: string; user: string }) => void;
}

/** Far above any real command (notes stop at 4,000); bounds the work a pasted novel can cause. */
const MAX_TEXT = 10_000;

export async function runCommand(deps: CommandDeps, req: CommandRequest): Promise<Reply> {
  const started = performance.now();
  const { typed, text, command } = resolveCommand(req);
  let outcome: CommandOutcome = 'failed';
  try {
    // Every command is a read or a write recorded once per request key, so after a lost
    // connection (a killed backend, a failover) it is safe to run it once more.
    const reply = await retryOnceIfConnectionLost(() => runOnce(deps, req, typed, text, command));
    outcome = reply.tone === 'error' ? 'refused' : 'ok';
    return reply;
  } catch (err) {
    deps.reportError?.(err, { command: String(req.command), user: `${req.user?.platform}:${req.user?.id}` });
    return failureReply(err);
  } finally {
    // Labels from fixed lists only: a typo must not make a new time series.
    const labels = {
      surface: String(req.user?.platform ?? 'unknown'),
      command: command ?? (typed === '' ? 'help' : 'unknown'),
    };
    countCommand(labels, outcome, (performance.now() - started) / 1000);
  }
}

function resolveCommand(req: CommandRequest): { typed: string; text: string; command: CommandName | null } {
  let typed = String(req.command ?? '')
    .trim()
    .replace(/^\//, '')
    .toLowerCase();
  let text = String(req.text ?? '');
  if (typed === '' || typed === 'callsheet') ({ command: typed, text } = splitCommandLine(text));
  return { typed, text, command: commandNamed(typed) };
}

async function runOnce(
  deps: CommandDeps,
  req: CommandRequest,
  typed: string,
  text: string,
  command: CommandName | null,
): Promise<Reply> {
  if (text.length > MAX_TEXT)
    return errorReply(`That message is ${text.length} characters; commands take at most ${MAX_TEXT}.`);
  const unstorable = unstorableText(text);
  if (unstorable) return errorReply(`That message ${unstorable}.`, ['Nothing was recorded.']);
  if (command === null && typed !== '') return notACommand(typed);
  if (command === 'help' || command === null) return helpReply(text);
  const actor = await findActor(deps.store.sql, req.user);
  if (!actor) {
    const m = notLinkedMessage(req.user);
    return { ...errorReply(m.title, m.lines), sender: null };
  }
  const reply = await dispatch(
    deps,
    actor,
    command,
    text,
    `${req.user.platform}:${req.idempotencyKey}`,
    req.place,
  );
  const { id, code, name, timeZone } = actor;
  return { ...reply, sender: { id, code, name, timeZone } };
}

const notACommand = (typed: string): Reply =>
  errorReply(`'${typed}' is not a command.`, [`Commands: ${COMMAND_NAMES.join(', ')}.`]);

function dispatch(
  deps: AppDeps,
  actor: CommandActor,
  command: Exclude<CommandName, 'help'>,
  text: string,
  key: string,
  place: ChatPlace | undefined,
): Promise<Reply> {
  switch (command) {
    case 'logcall':
      return logCall(deps, actor, text, key);
    case 'calls':
      return myCalls(deps, actor);
    case 'account':
      return showAccount(deps, actor, text);
    case 'promises':
      return listPromises(deps, actor, text);
    case 'undo':
      return undoChange(deps, actor, text, key);
    case 'assign':
      return assignCustomer(deps, actor, text, key);
    case 'hold':
    case 'release':
      return creditHold(deps, actor, command, text, key);
    case 'sheet':
      return showSheet(deps, actor, text);
    case 'bind':
    case 'unbind':
      return bindPlace(deps, actor, command, text, place);
    case 'settings':
      return changeSettings(deps, actor, text);
    case 'digest':
      return postDigests(deps, actor, text);
  }
}
