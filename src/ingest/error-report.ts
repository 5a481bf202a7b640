// The per-file error report: every rejected cell goes to `<file>.errors.csv` (row, column, value,
// reason), written as it comes so memory stays flat; the first rows by row number are kept for
// the screen.
import { type FileHandle, open, rm } from 'node:fs/promises';
import type { RowError } from './check-rows.ts';
import { csvLine } from './csv-line.ts';

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

  async add(error: RowError): Promise<void> {
    this.count++;
    if (this.shown.length < SHOWN_ERRORS || error.row < this.shown[this.shown.length - 1]!.row) {
      this.shown.push(error);
      this.shown.sort((a, b) => a.row - b.row);
      if (this.shown.length > SHOWN_ERRORS) this.shown.pop();
    }
    if (!this.handle) {
      this.handle = await open(this.path, 'w');
      this.buffer = csvLine(['row', 'column', 'value', 'reason']);
    }
    this.buffer += csvLine([String(error.row), error.column, error.value, error.reason]);
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
