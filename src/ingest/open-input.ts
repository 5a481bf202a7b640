// Opens an import file as a stream of decoded text: gzip is recognised by its magic bytes (not
// the name), a UTF-8 byte-order mark is dropped, UTF-16 (Excel's "Unicode text") is decoded.
// The format comes from the extension, or from the first character when the name says nothing.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { TextDecoder } from 'node:util';
import { createGunzip } from 'node:zlib';

export type InputFormat = 'csv' | 'json' | 'ndjson';

export interface InputFile {
  path: string;
  gzipped: boolean;
  /** Bytes on disk; with `bytesRead()` it drives the progress bar. */
  size: number;
  bytesRead(): number;
  /** Decoded text chunks; call once. */
  text(): AsyncGenerator<string>;
}

const CHUNK = 1024 * 1024;

export async function openInput(file: string): Promise<InputFile> {
  const info = await stat(file);
  const head = Buffer.alloc(2);
  const handle = await open(file, 'r');
  try {
    await handle.read(head, 0, 2, 0);
  } finally {
    await handle.close();
  }
  const gzipped = info.size >= 2 && head[0] === 0x1f && head[1] === 0x8b;
  let read = 0;
  return {
    path: file,
    gzipped,
    size: info.size,
    bytesRead: () => read,
    async *text() {
      const raw = createReadStream(file, { highWaterMark: CHUNK });
      raw.on('data', (chunk) => {
        read += chunk.length;
      });
      const bytes = gzipped ? raw.pipe(createGunzip({ chunkSize: CHUNK })) : raw;
      if (gzipped) raw.on('error', (err) => bytes.destroy(err));
      let decoder: TextDecoder | null = null;
      for await (const chunk of bytes as AsyncIterable<Buffer>) {
        // TextDecoder drops the byte-order mark and keeps split multi-byte characters for the next chunk.
        decoder ??= new TextDecoder(chunk[0] === 0xff && chunk[1] === 0xfe ? 'utf-16le' : 'utf-8');
        const text = decoder.decode(chunk, { stream: true });
        if (text) yield text;
      }
      const rest = decoder?.decode() ?? '';
      if (rest) yield rest;
    },
  };
}

/** The format named by the file's extension (ignoring .gz), or null when it names none. */
export function formatFromName(file: string): InputFormat | null {
  const ext = path.extname(path.basename(file).replace(/\.gz$/i, '')).toLowerCase();
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return 'csv';
  if (ext === '.json') return 'json';
  if (ext === '.ndjson' || ext === '.jsonl') return 'ndjson';
  return null;
}

/** Guesses the format from the first non-blank character of the text. */
export function formatFromText(start: string): InputFormat {
  const first = start.trimStart()[0];
  if (first === '[') return 'json';
  if (first === '{') return 'ndjson';
  return 'csv';
}
