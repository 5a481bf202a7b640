import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SPECS } from '../../../src/ingest/entities.ts';
import { converter, fastConverter, RowParser } from '../../../src/ingest/row-schema.ts';

const fields = Object.values(SPECS).flatMap((spec) => spec.fields);

// Cells as exports write them, near misses included, plus arbitrary text.
const cell = fc.oneof(
  fc.string(),
  fc.stringMatching(/^-?\d{1,14}(\.\d{0,3})?$/),
  fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
  fc.constantFrom('true', 'false', 'True', 'USD', 'usd', 'US', 'ap', 'AP', '0009', '-', '-0', '1e3', ' 12 '),
);

describe('fastConverter', () => {
  it.each(['en-US', 'de-DE'])(
    'accepts only what the converter accepts, with the same value (%s)',
    (locale) => {
      for (const field of fields) {
        const fast = fastConverter(field, { locale });
        const full = converter(field, { locale });
        fc.assert(
          fc.property(cell, (text) => {
            const quick = fast(text);
            if (quick !== undefined) expect(full(text)).toEqual({ ok: true, value: quick });
          }),
          { numRuns: 300 },
        );
      }
    },
  );
});

describe('RowParser', () => {
  const parser = new RowParser(SPECS.invoices, {});

  it('converts a good row in field order', () => {
    const cells = ['INV-1', 'ACME', '2027-05-01', '', undefined, '1,234.50', '0', 'usd', 'yes'];
    expect(parser.parse(cells)).toBeNull();
    expect(parser.values).toEqual(['INV-1', 'ACME', '2027-05-01', null, null, 123450, 0, 'USD', true]);
  });

  it('words every bad cell of a row through the zod schema', () => {
    const cells = ['INV-1', '', '2027-02-30', '', '', 'lots', '', '', ''];
    expect(parser.parse(cells)).toEqual([
      { column: 'customer', value: '', reason: 'is required' },
      { column: 'issue_date', value: '2027-02-30', reason: expect.stringMatching(/^is not a date/) },
      { column: 'amount', value: 'lots', reason: expect.stringMatching(/^is not an amount/) },
    ]);
  });
});
