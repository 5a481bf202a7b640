// The CLI's table of sub-commands (src/cli.ts) lists each command's help line without loading its
// module; this keeps the table and the modules in step, and checks that only the selected
// command's module is registered.
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/cli/context.ts';
import { buildProgram, COMMANDS, selectedCommand } from '../../src/cli.ts';

const io = { stdout: () => {}, stderr: () => {}, env: {}, isTty: false };

describe('the sub-command table', () => {
  it.each(Object.entries(COMMANDS))(
    '%s: its module registers it with the same help line',
    async (name, entry) => {
      const program = new Command('callsheet');
      (await entry.load())(
        program,
        createContext(io, () => ({}) as never),
      );
      const command = program.commands.find((c) => c.name() === name);
      expect(command?.description()).toBe(entry.description);
      const term = new Command('x').createHelp().subcommandTerm(command!);
      expect(term).toBe(entry.term);
    },
  );

  it('picks the command from the arguments, `help <name>` included', () => {
    expect(selectedCommand(['sheet', '--collector', 'ava'])).toBe('sheet');
    expect(selectedCommand(['help', 'logcall'])).toBe('logcall');
    expect(selectedCommand(['--version'])).toBeUndefined();
    expect(selectedCommand(['nope'])).toBeUndefined();
  });

  it('lists every command in --help, with only the selected one fully registered', async () => {
    const { program } = await buildProgram(io, ['logcall']);
    const help = program.helpInformation();
    for (const entry of Object.values(COMMANDS)) expect(help).toContain(entry.term);
    const options = (name: string) => program.commands.find((c) => c.name() === name)?.options.length;
    expect(options('logcall')).toBeGreaterThan(0);
    expect(options('sheet')).toBe(0);
  });
});
