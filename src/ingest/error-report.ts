// The per-file error report: every rejected cell goes to `<file>.errors.csv` (row, column, value,
// reason), written as it comes so memory stays flat; the first rows by row number are kept for
// the screen. Values are cut to an excerpt (a 50 MB field must not make a 100 MB report) and,
// in the file, control characters are escaped and formula-like cells neutralised.
import { type FileHandle, open, rm } from 'node:fs/promises';
import { csvLine } from '../domain/csv-line.ts';
import { escapeControls, excerpt } from '../domain/safe-text.ts';
import type { RowError } from './check-rows.ts';

export const SHOWN_ERRORS = 50;
const FLUSH_AT = 256 * 1024;

export class ErrorReport {
  readonly path: string;
  /** The first errors by row number, at most SHOWN_ERRORS. */
  readonly shown: RowError[] = [];
  count = 0;
  private handle: FileHandle | null = null;
  private buffer = '';

  constructor(file: string) {
    this.path = `${file}.errors.csv`;
  }

  /** Removes the report a previous run left, so a stale one is never mistaken for this run's. */
  async reset(): Promise<void> {
    await rm(this.path, { force: true });
  }

  async add(found: RowError): Promise<void> {
    this.count++;
    // A rejected value can be a whole runaway field: the report keeps an excerpt of it.
    const error: RowError = {
      row: found.row,
      column: excerpt(found.column, 100),
      value: excerpt(found.value),
      reason: excerpt(found.reason, 1000),
    };
    if (this.shown.length < SHOWN_ERRORS || error.row < this.shown[this.shown.length - 1]!.row) {
      this.shown.push(error);
      this.shown.sort((a, b) => a.row - b.row);
      if (this.shown.length > SHOWN_ERRORS) this.shown.pop();
    }
    if (!this.handle) {
      this.handle = await open(this.path, 'w');
      this.buffer = csvLine(['row', 'column', 'value', 'reason']);
    }
    // Escaped too: people read this file in a terminal as often as in a spreadsheet.
    this.buffer += csvLine(
      [String(error.row), error.column, error.value, error.reason].map((v) => escapeControls(v)),
    );
    if (this.buffer.length >= FLUSH_AT) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.handle && this.buffer) await this.handle.write(this.buffer);
    this.buffer = '';
  }

  async close(): Promise<void> {
    await this.flush();
    await this.handle?.close();
    this.handle = null;
  }
}
