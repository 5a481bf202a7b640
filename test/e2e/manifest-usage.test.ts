// The chat manifests advertise what the commands accept: each Slack usage hint and each Teams
// command description shows the same forms as `help` (COMMAND_ARGS), and the Slack app
// asks for exactly the scopes of the Web API methods the code calls.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readManifestTemplate } from '../../src/adapters/teams/teams-package.ts';
import { COMMAND_NAMES, type CommandName, commandNamed } from '../../src/app/command-model.ts';
import { helpReply } from '../../src/app/commands/help.ts';
import { PROMISE_SCOPES } from '../../src/app/commands/list-promises.ts';
import { COMMAND_ARGS, usageOf } from '../../src/app/commands/usage.ts';

const ROOT = path.join(import.meta.dirname, '../..');

interface SlackManifest {
  features: { slash_commands: { command: string; usage_hint?: string }[] };
  oauth_config: { scopes: { bot: string[] } };
}

const slack = (file: string): SlackManifest =>
  parse(readFileSync(path.join(ROOT, 'manifests/slack', file), 'utf8')) as SlackManifest;

/** `a | b [c | d]` → ['a', 'b [c | d]']: alternatives at the top level, brackets kept whole. */
function alternatives(hint: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < hint.length; i++) {
    const c = hint[i];
    if (c === '[' || c === '<') depth++;
    else if (c === ']' || c === '>') depth--;
    else if (depth === 0 && hint.startsWith(' | ', i)) {
      out.push(hint.slice(start, i));
      start = i + 3;
    }
  }
  out.push(hint.slice(start));
  return out;
}

describe('the usage everyone sees', () => {
  it('help lists each command as COMMAND_ARGS says', () => {
    const rows =
      helpReply()
        .table?.rows.map((r) => r[0])
        .join('\n') ?? '';
    for (const name of COMMAND_NAMES) expect(rows).toContain(usageOf(name));
  });

  it('promises advertises exactly the lists it accepts', () => {
    expect(COMMAND_ARGS.promises).toBe(`[${PROMISE_SCOPES.join('|')}]`);
  });
});

describe.each(['manifest.yaml', 'manifest.socket.yaml'])('Slack %s', (file) => {
  const manifest = slack(file);

  it('gives each slash command the usage hint of its command (none when it takes nothing)', () => {
    for (const c of manifest.features.slash_commands) {
      if (c.command === '/callsheet') continue;
      const name = commandNamed(c.command);
      expect(name, c.command).not.toBeNull();
      expect(c.usage_hint ?? '', c.command).toBe(COMMAND_ARGS[name as CommandName]);
    }
  });

  it('lists under /callsheet only commands, each with its usage, the managers’ ones included', () => {
    const hint = manifest.features.slash_commands.find((c) => c.command === '/callsheet')?.usage_hint ?? '';
    const words: string[] = [];
    for (const alternative of alternatives(hint)) {
      const [word = '', ...rest] = alternative.split(' ');
      const args = rest.join(' ');
      words.push(word);
      const name = commandNamed(word);
      expect(name, `${word} is not a command`).not.toBeNull();
      expect(args, alternative).toBe(COMMAND_ARGS[name as CommandName]);
    }
    expect(words).toEqual(expect.arrayContaining(['sheet', 'bind', 'settings', 'digest', 'help']));
  });
});

describe('Teams manifest', () => {
  it('shows each command’s usage in its description', () => {
    for (const list of readManifestTemplate().bots[0].commandLists)
      for (const c of list.commands) {
        const name = commandNamed(c.title);
        expect(name, c.title).not.toBeNull();
        expect(c.description, c.title).toContain(usageOf(name as CommandName));
      }
  });
});

// The scopes each Web API method we call needs (api.slack.com/methods). A method not listed here
// fails the test, so a new call cannot go out without its scope being decided.
const METHOD_SCOPES: Record<string, string[]> = {
  'auth.test': [],
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.update': ['chat:write'],
  'conversations.open': ['im:write'],
  'views.open': [],
};
// Not tied to one method: the slash commands themselves, and posting in a bound public channel
// the bot was not invited to.
const APP_SCOPES = ['commands', 'chat:write.public'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? sourceFiles(file) : file.endsWith('.ts') ? [file] : [];
  });
}

describe('Slack scopes', () => {
  const called = new Set<string>();
  for (const file of sourceFiles(path.join(ROOT, 'src/adapters/slack')))
    for (const m of readFileSync(file, 'utf8').matchAll(/\.call(?:<[^>]*>)?\(\s*'([a-z]+\.[A-Za-z.]+)'/g))
      called.add(m[1]!);

  it('knows the scope of every Web API method the code calls', () => {
    expect(called.size).toBeGreaterThan(0);
    for (const method of called) expect(Object.keys(METHOD_SCOPES), method).toContain(method);
  });

  it.each(['manifest.yaml', 'manifest.socket.yaml'])('%s asks for those scopes and no more', (file) => {
    const needed = new Set([...APP_SCOPES, ...[...called].flatMap((m) => METHOD_SCOPES[m] ?? [])]);
    expect([...slack(file).oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
  });
});
