import { AppError } from '../shared/errors.ts';

// A streaming CSV parser per RFC 4180: quoted fields with doubled quotes, delimiters and line
// breaks inside quotes, CRLF or LF, and a last line without a line break. A state machine reads
// each character once, whatever the chunks (linear time), and keeps only the unfinished record
// between chunks, bounded by MAX_RECORD_CHARS, so memory stays flat whatever the file. Lenient
// where exports are sloppy: text after a closing quote is kept, a bare quote inside a field is
// literal.

const QUOTE = 34;
const LF = 10;
const CR = 13;

export const DELIMITERS = [',', ';', '\t', '|'] as const;

export class CsvSyntaxError extends AppError {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super('csv_syntax', message);
  }
}

/** The delimiter among `,` `;` tab and `|` that occurs most in the first line (outside quotes). */
export function sniffDelimiter(start: string): string {
  let inQuotes = false;
  const counts = new Map<string, number>();
  for (const ch of start) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
    else if (!inQuotes && DELIMITERS.includes(ch as never)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

/**
 * Longest record (row) accepted, in characters. Far above any real export row; it bounds the
 * memory one record can take, and stops a file with a missing quote (the rest of the file one
 * "field") early, naming the row where it started.
 */
export const MAX_RECORD_CHARS = 1024 * 1024;

// Where the parser is between two characters; kept across chunks, so no text is scanned twice.
const FIELD_START = 0; // at the start of a field
const UNQUOTED = 1; // inside an unquoted field
const QUOTED = 2; // inside a quoted field
const QUOTE_SEEN = 3; // a quote inside a quoted field: closes it, or is the first of a doubled pair
const AFTER_QUOTE = 4; // after the closing quote, up to the delimiter (text there is kept)
const AFTER_CR = 5; // a record ended at CR; a following LF belongs to it

export class CsvParser {
  /** Records returned so far (the header counts as record 1, like a spreadsheet row). */
  private count = 0;
  private readonly delimiter: number;
  private readonly maxRecord: number;
  private state = FIELD_START;
  /** The completed fields of the record being read, and the text of the field being read. */
  private fields: string[] = [];
  private value = '';
  /** Characters of the record being read that came in earlier chunks. */
  private carried = 0;

  constructor(delimiter: string, maxRecordChars = MAX_RECORD_CHARS) {
    this.delimiter = delimiter.charCodeAt(0);
    this.maxRecord = maxRecordChars;
  }

  /** The records completed by `chunk`; `final` marks the end of the input. */
  push(chunk: string, final = false): string[][] {
    const out: string[][] = [];
    const len = chunk.length;
    const d = this.delimiter;
    // The hot loop works on locals; the state goes back to the instance at the end.
    let state = this.state;
    let fields = this.fields;
    let value = this.value;
    let recordStart = -this.carried;
    let i = 0;
    while (i < len) {
      if (state === FIELD_START) {
        if (chunk.charCodeAt(i) === QUOTE) {
          state = QUOTED;
          i++;
          continue;
        }
        state = UNQUOTED;
      }
      if (state === UNQUOTED || state === AFTER_QUOTE) {
        let k = i;
        while (k < len) {
          const c = chunk.charCodeAt(k);
          if (c === d || c === LF || c === CR) break;
          k++;
        }
        if (k > i) value = value === '' ? chunk.slice(i, k) : value + chunk.slice(i, k);
        i = k;
        if (k >= len) break;
        const c = chunk.charCodeAt(k);
        i++;
        fields.push(value);
        value = '';
        if (c === d) {
          state = FIELD_START;
          continue;
        }
        if (i - 1 - recordStart > this.maxRecord) this.tooLong(out); // the line break not counted
        out.push(fields);
        fields = [];
        recordStart = i;
        state = c === CR ? AFTER_CR : FIELD_START;
      } else if (state === QUOTED) {
        const q = chunk.indexOf('"', i);
        const stop = q < 0 ? len : q;
        value += chunk.slice(i, stop);
        if (q < 0) {
          i = len;
          break;
        }
        i = q + 1;
        state = QUOTE_SEEN;
      } else if (state === QUOTE_SEEN) {
        if (chunk.charCodeAt(i) === QUOTE) {
          value += '"';
          i++;
          state = QUOTED;
        } else state = AFTER_QUOTE;
      } else {
        // AFTER_CR: a LF right after belongs to the record that ended.
        if (chunk.charCodeAt(i) === LF) i++;
        recordStart = i;
        state = FIELD_START;
      }
    }
    this.state = state;
    this.fields = fields;
    this.value = value;
    this.carried = len - recordStart;
    // What is carried into the next chunk is bounded: a record this long is refused at once.
    if (this.carried > this.maxRecord && (fields.length || value || state !== FIELD_START)) this.tooLong(out);
    if (final) this.finish(out);
    this.count += out.length;
    return out;
  }

  private tooLong(out: readonly string[][]): never {
    throw new CsvSyntaxError(
      this.count + out.length + 1,
      `the row is longer than ${this.maxRecord.toLocaleString('en-US')} characters, the most a row may hold: a " is probably missing, or the file is not CSV`,
    );
  }

  private finish(out: string[][]): void {
    const row = this.count + out.length + 1;
    if (this.state === QUOTED)
      throw new CsvSyntaxError(row, 'a quoted field is never closed: a " is missing');
    // After a delimiter the record has one more, empty, field; at a record's start, nothing.
    if (this.state !== AFTER_CR && (this.state !== FIELD_START || this.fields.length)) {
      this.fields.push(this.value);
      out.push(this.fields);
    }
    this.fields = [];
    this.value = '';
    this.carried = 0;
    this.state = FIELD_START;
  }
}

/** Batches of records from decoded text; the delimiter is sniffed from the first line unless given. */
export async function* csvRecords(
  text: AsyncIterable<string>,
  delimiter?: string,
): AsyncGenerator<string[][]> {
  let parser: CsvParser | null = null;
  for await (const chunk of text) {
    parser ??= new CsvParser(delimiter ?? sniffDelimiter(chunk));
    const batch = parser.push(chunk);
    if (batch.length) yield batch;
  }
  const last = parser?.push('', true) ?? [];
  if (last.length) yield last;
}
