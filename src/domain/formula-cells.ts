// Spreadsheet formula injection: Excel, LibreOffice and Google Sheets run a CSV cell that starts
// with = + - @ (or a tab or CR before one) as a formula, so a customer named `=cmd|' /C calc'!A0`
// could run a command on the machine of whoever opens an export. Every CSV Callsheet writes puts
// an apostrophe before such a cell (spreadsheets show the text, not a formula); the importer takes
// one apostrophe off again, so export → import gives back the same values.
//
// The rule, both ways: a cell matching `'*[=+\-@\t\r]…` (any apostrophes, then a trigger) gets
// one more apostrophe on the way out and loses one on the way in — unless it is a plain number
// (`-42.50`), which no spreadsheet runs. A cell like `'=x` typed on purpose survives the round
// trip too (written `''=x`, read back `'=x`).

const TRIGGER = /^'*[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const APOSTROPHE = 39;
// The first characters a risky cell can start with: a cheap test before the patterns.
const FIRST = new Set([APOSTROPHE, 61, 43, 45, 64, 9, 13]);

/** The cell as a CSV writer must write it. */
export function neutraliseFormula(value: string): string {
  if (!FIRST.has(value.charCodeAt(0))) return value;
  return TRIGGER.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/** The cell's value as written before `neutraliseFormula` (for cells read from CSV). */
export function restoreFormula(value: string): string {
  return value.charCodeAt(0) === APOSTROPHE && TRIGGER.test(value) ? value.slice(1) : value;
}
