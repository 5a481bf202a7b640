// One CSV line per RFC 4180: a field is quoted when it holds the delimiter, a quote, a line break
// or edge spaces; quotes inside are doubled.
export function csvLine(fields: readonly string[], delimiter = ','): string {
  return `${fields.map((f) => csvField(f, delimiter)).join(delimiter)}\r\n`;
}

export function csvField(field: string, delimiter = ','): string {
  const needsQuotes =
    field.includes(delimiter) || /["\r\n]/.test(field) || (field.length > 0 && field.trim() !== field);
  return needsQuotes ? `"${field.replace(/"/g, '""')}"` : field;
}
