// One CSV line per RFC 4180: a field is quoted when it holds the delimiter, a quote, a line break
// or edge spaces; quotes inside are doubled. Every cell is first made safe to open in a
// spreadsheet (formula-cells.ts): this is the one CSV writer, for exports, error reports and the
// mail-merge queue.
import { neutraliseFormula } from './formula-cells.ts';

export function csvLine(fields: readonly string[], delimiter = ','): string {
  return `${fields.map((f) => csvField(f, delimiter)).join(delimiter)}\r\n`;
}

export function csvField(value: string, delimiter = ','): string {
  const field = neutraliseFormula(value);
  const needsQuotes =
    field.includes(delimiter) || /["\r\n]/.test(field) || (field.length > 0 && field.trim() !== field);
  return needsQuotes ? `"${field.replace(/"/g, '""')}"` : field;
}
