// What each chat command accepts after its name, in one place: help prints it, and the Slack and
// Teams manifests advertise the same forms (test/e2e/manifest-usage.test.ts compares them).
// `<x>`: a value; `[x]`: optional; `a|b`: one of them.
import type { CommandName } from '../command-model.ts';
import { PROMISE_SCOPES } from './list-promises.ts';

export const COMMAND_ARGS: Readonly<Record<CommandName, string>> = {
  logcall: '<customer> <outcome> [details]',
  calls: '',
  account: '<customer>',
  promises: `[${PROMISE_SCOPES.join('|')}]`,
  undo: '',
  assign: '<customer> to <collector>',
  hold: '<customer> [reason]',
  release: '<customer>',
  sheet: '[collector]',
  bind: 'digests|alerts|team [collector]',
  unbind: 'digests|alerts|team',
  settings: '[set <setting> <value> | reset <setting>]',
  digest: '[collector]',
  help: '[command]',
};

/** `promises [mine|overdue|all]`: the command and what it accepts. */
export const usageOf = (name: CommandName): string => `${name} ${COMMAND_ARGS[name]}`.trim();
