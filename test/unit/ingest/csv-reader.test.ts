import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvLine } from '../../../src/ingest/csv-line.ts';
import { CsvParser, CsvSyntaxError, sniffDelimiter } from '../../../src/ingest/csv-reader.ts';

function parseInChunks(text: string, cuts: number[], delimiter = ','): string[][] {
  const parser = new CsvParser(delimiter);
  const out: string[][] = [];
  let at = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    out.push(...parser.push(text.slice(at, cut)));
    at = cut;
  }
  out.push(...parser.push(text.slice(at), true));
  return out;
}

describe('CsvParser', () => {
  it('reads RFC 4180: quotes, doubled quotes, delimiters and line breaks inside quotes, CRLF', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","two\nlines"\r\n1,,3';
    expect(parseInChunks(text, [])).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\nlines'],
      ['1', '', '3'],
    ]);
  });

  it('refuses a quoted field that never closes, naming the record', () => {
    expect(() => parseInChunks('a,b\n1,"open\n', [])).toThrow(CsvSyntaxError);
    try {
      parseInChunks('a,b\n1,"open\n', []);
    } catch (err) {
      expect((err as CsvSyntaxError).row).toBe(2);
    }
  });

  it('sniffs , ; or tab from the first line, ignoring quoted text', () => {
    expect(sniffDelimiter('a;b;c\n1,2;3')).toBe(';');
    expect(sniffDelimiter('a\tb\tc')).toBe('\t');
    expect(sniffDelimiter('"x;y;z",b,c')).toBe(',');
  });

  it('gives the same records however the text is cut into chunks, and reads what csvLine writes', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ',', ';', '"', '\n', '\r', ' ', 'é', '\t') });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(200)),
        fc.constantFrom(',', ';', '\t'),
        (rows, cuts, d) => {
          // A record of one empty cell is a blank line; exports never write those.
          const records = rows.map((r) => (r.length === 1 && r[0] === '' ? ['x'] : r));
          const text = records.map((r) => csvLine(r, d)).join('');
          expect(
            parseInChunks(
              text,
              cuts.filter((c) => c < text.length),
              d,
            ),
          ).toEqual(records);
        },
      ),
      { numRuns: 300 },
    );
  });
});
