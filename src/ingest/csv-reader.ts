// A streaming CSV parser per RFC 4180: quoted fields with doubled quotes, delimiters and line
// breaks inside quotes, CRLF or LF, and a last line without a line break. It keeps only the
// unfinished record between chunks, so memory stays flat whatever the file size. Lenient where
// exports are sloppy: text after a closing quote is kept, a bare quote inside a field is literal.

const QUOTE = 34;
const LF = 10;
const CR = 13;

export const DELIMITERS = [',', ';', '\t'] as const;

export class CsvSyntaxError extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(message);
  }
}

/** The delimiter among `,` `;` and tab that occurs most in the first line (outside quotes). */
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

export class CsvParser {
  private pending = '';
  /** Records returned so far (the header counts as record 1, like a spreadsheet row). */
  private count = 0;
  private readonly delimiter: number;

  constructor(delimiter: string) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** The records completed by `chunk`; `final` marks the end of the input. */
  push(chunk: string, final = false): string[][] {
    const buf = this.pending + chunk;
    const len = buf.length;
    const d = this.delimiter;
    const out: string[][] = [];
    let pos = 0;
    records: while (pos < len) {
      const record: string[] = [];
      let i = pos;
      for (;;) {
        let value: string;
        if (i < len && buf.charCodeAt(i) === QUOTE) {
          value = '';
          let j = i + 1;
          for (;;) {
            const q = buf.indexOf('"', j);
            if (q < 0) {
              if (final)
                throw new CsvSyntaxError(
                  this.count + out.length + 1,
                  'a quoted field is never closed: a " is missing',
                );
              break records;
            }
            value += buf.slice(j, q);
            if (q + 1 >= len && !final) break records;
            if (buf.charCodeAt(q + 1) === QUOTE) {
              value += '"';
              j = q + 2;
              continue;
            }
            j = q + 1;
            break;
          }
          let k = j;
          while (k < len) {
            const c = buf.charCodeAt(k);
            if (c === d || c === LF || c === CR) break;
            k++;
          }
          if (k > j) value += buf.slice(j, k);
          i = k;
        } else {
          let k = i;
          while (k < len) {
            const c = buf.charCodeAt(k);
            if (c === d || c === LF || c === CR) break;
            k++;
          }
          value = buf.slice(i, k);
          i = k;
        }
        record.push(value);
        if (i >= len) {
          if (!final) break records;
          pos = len;
          break;
        }
        const c = buf.charCodeAt(i);
        if (c === d) {
          i++;
          continue;
        }
        if (c === CR) {
          if (i + 1 >= len && !final) break records;
          i += buf.charCodeAt(i + 1) === LF ? 2 : 1;
        } else {
          i++;
        }
        pos = i;
        break;
      }
      out.push(record);
    }
    this.pending = buf.slice(pos);
    this.count += out.length;
    return out;
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
