// A Reply as terminal text. Chat text is data: control characters (ANSI escapes, carriage
// returns) are made visible so a note can never repaint or clear the collector's terminal.
import type { Reply } from '../../app/reply.ts';

const MARK: Record<Reply['tone'], string> = { ok: '✔', info: '•', warning: '?', error: '✖' };

/** Control characters other than newline and tab become visible (ESC → ␛). */
export function safeText(text: string): string {
  return text.replace(/\p{Cc}/gu, (c) => {
    const code = c.charCodeAt(0);
    if (c === '\n' || c === '\t') return c;
    return code < 32 ? String.fromCharCode(0x2400 + code) : code === 127 ? '␡' : '�';
  });
}

const width = (s: string) => [...s].length;
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));

export interface ReplyTextOptions {
  /** Numbers the command actions so a console user can type the number to run one. */
  numberActions?: boolean;
}

export function renderReplyText(reply: Reply, options: ReplyTextOptions = {}): string {
  const out: string[] = [`${MARK[reply.tone]} ${safeText(reply.title)}`];
  if (reply.facts?.length) {
    const w = Math.max(...reply.facts.map((f) => width(f.label)));
    for (const f of reply.facts)
      out.push(
        `  ${pad(safeText(f.label), w)}  ${safeText(f.value).replace(/\n/g, `\n  ${' '.repeat(w)}  `)}`,
      );
  }
  if (reply.table?.rows.length) {
    const { columns, rows } = reply.table;
    const cells = rows.map((r) => r.map((c) => safeText(c).replace(/\n/g, ' ')));
    const widths = columns.map((c, i) => Math.max(width(c), ...cells.map((r) => width(r[i] ?? ''))));
    out.push(
      `  ${columns
        .map((c, i) => pad(c, widths[i]!))
        .join('  ')
        .trimEnd()}`,
    );
    out.push(`  ${widths.map((w) => '─'.repeat(w)).join('  ')}`);
    for (const r of cells)
      out.push(
        `  ${r
          .map((c, i) => pad(c, widths[i]!))
          .join('  ')
          .trimEnd()}`,
      );
  }
  for (const line of reply.lines ?? []) out.push(`  ${safeText(line)}`);
  let n = 0;
  for (const action of reply.actions ?? []) {
    if (action.kind === 'undo') out.push('  (type `undo` to undo this)');
    else
      out.push(
        `  ${options.numberActions ? `[${++n}] ` : '→ '}${safeText(action.label)}: ${safeText(action.command)}`,
      );
  }
  return `${out.join('\n')}\n`;
}
