import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalFromCents } from '../../../src/domain/money.ts';
import { CopyBuffer } from '../../../src/ingest/copy-buffer.ts';

const written = (write: (out: CopyBuffer) => void, size?: number) => {
  const out = new CopyBuffer(size);
  write(out);
  return out.take().toString('utf8');
};

describe('CopyBuffer', () => {
  it('escapes backslash, tab and line breaks, and writes other text as UTF-8', () => {
    expect(written((o) => o.text('a\\b\tc\nd\re'))).toBe('a\\\\b\\tc\\nd\\re');
    expect(written((o) => o.text('Müller & Søn\t€ 5 — 日本'))).toBe('Müller & Søn\\t€ 5 — 日本');
  });

  it('writes whole numbers and cents as Postgres reads them', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 52), max: 2 ** 52 }), (n) => {
        expect(written((o) => o.int(n))).toBe(String(n));
        expect(written((o) => o.cents(n))).toBe(decimalFromCents(n));
      }),
    );
  });

  it('grows past its size and starts afresh after take', () => {
    const out = new CopyBuffer(4);
    out.text('a long value');
    out.tab();
    out.nul();
    out.newline();
    expect(out.take().toString()).toBe('a long value\t\\N\n');
    expect(out.length).toBe(0);
  });
});
