// A command line as typed in the console or carried by a reply action ("logcall ACME vm"):
// the command word and the text after it. Slack's /callsheet <cmd> and a leading slash work too.

export function splitCommandLine(line: string): { command: string; text: string } {
  const trimmed = line.trim().replace(/^\//, '');
  const m = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  if (!m) return { command: '', text: '' };
  return { command: m[1]!.toLowerCase(), text: m[2]! };
}
