// Streaming readers for a JSON array of objects and for NDJSON (one object per line). The array
// reader cuts the text into elements by tracking nesting and strings, then parses one element at
// a time, so a large file never sits in memory whole; an element or line longer than
// MAX_ELEMENT_CHARS is refused as soon as it is seen.
import { AppError } from '../shared/errors.ts';
import { MAX_RECORD_CHARS } from './csv-reader.ts';

export class JsonSyntaxError extends AppError {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super('json_syntax', message);
  }
}

/** Longest element (or NDJSON line) accepted, in characters: the same bound as a CSV row. */
export const MAX_ELEMENT_CHARS = MAX_RECORD_CHARS;

const tooLong = (row: number) =>
  new JsonSyntaxError(
    row,
    `the record is longer than ${MAX_ELEMENT_CHARS.toLocaleString('en-US')} characters, the most a record may hold: a closing } or " is probably missing`,
  );

export type JsonRecord = { row: number; value: unknown } | { row: number; error: string };

const parseOne = (row: number, text: string): JsonRecord => {
  try {
    return { row, value: JSON.parse(text) };
  } catch (err) {
    return { row, error: `is not valid JSON (${(err as Error).message})` };
  }
};

export async function* jsonArrayRecords(text: AsyncIterable<string>): AsyncGenerator<JsonRecord[]> {
  let buf = '';
  let i = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let start = -1;
  let started = false;
  let row = 0;
  for await (const chunk of text) {
    buf += chunk;
    const batch: JsonRecord[] = [];
    for (; i < buf.length; i++) {
      const c = buf[i]!;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === '\\') escaped = true;
        else if (c === '"') inString = false;
        continue;
      }
      if (c === ' ' || c === '\n' || c === '\r' || c === '\t') continue;
      if (!started) {
        if (c !== '[')
          throw new JsonSyntaxError(1, 'a JSON file must hold an array of objects: [ {…}, {…} ]');
        started = true;
        depth = 1;
        continue;
      }
      if (depth === 0) throw new JsonSyntaxError(row, 'unexpected text after the end of the JSON array');
      if (c === ',' && depth === 1) {
        if (start < 0) throw new JsonSyntaxError(row + 1, 'empty element in the JSON array');
        batch.push(parseOne(++row, buf.slice(start, i)));
        start = -1;
        continue;
      }
      if (c === ']' && depth === 1) {
        if (start >= 0) batch.push(parseOne(++row, buf.slice(start, i)));
        start = -1;
        depth = 0;
        continue;
      }
      if (depth === 1 && start < 0) start = i;
      if (c === '"') inString = true;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') depth--;
    }
    if (start >= 0 && buf.length - start > MAX_ELEMENT_CHARS) throw tooLong(row + 1);
    const keep = start >= 0 ? start : i;
    buf = buf.slice(keep);
    i -= keep;
    if (start >= 0) start = 0;
    if (batch.length) yield batch;
  }
  if (started && depth !== 0)
    throw new JsonSyntaxError(row + 1, 'the JSON array is not closed: a ] is missing');
}

export async function* ndjsonRecords(text: AsyncIterable<string>): AsyncGenerator<JsonRecord[]> {
  let pending = '';
  let line = 0;
  const parseLines = (lines: string[]): JsonRecord[] => {
    const batch: JsonRecord[] = [];
    for (const l of lines) {
      line++;
      if (l.length > MAX_ELEMENT_CHARS) throw tooLong(line);
      if (l.trim()) batch.push(parseOne(line, l));
    }
    return batch;
  };
  for await (const chunk of text) {
    // Only the new chunk is searched for line ends, so a long line is not split again and again.
    const end = chunk.lastIndexOf('\n');
    if (end < 0) {
      pending += chunk;
      if (pending.length > MAX_ELEMENT_CHARS) throw tooLong(line + 1);
      continue;
    }
    const lines = (pending + chunk.slice(0, end)).split('\n');
    pending = chunk.slice(end + 1);
    const batch = parseLines(lines);
    if (batch.length) yield batch;
  }
  const batch = parseLines([pending]);
  if (batch.length) yield batch;
}
