// Number formats shared by the KPI and backtest views; a missing figure shows as an en dash.

export function fmtDays(days: number | null): string {
  return days === null ? '–' : days.toFixed(1);
}

export function fmtPct(pct: number | null, digits = 1): string {
  return pct === null ? '–' : `${pct.toFixed(digits)}%`;
}

export function fmtNumber(n: number | null, digits = 1): string {
  return n === null ? '–' : n.toFixed(digits);
}

/** A plain text table: first column left-aligned, the others right-aligned. */
export function textTable(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(columns), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}
