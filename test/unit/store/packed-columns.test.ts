import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unpackColumns, unpackOpenInvoices } from '../../../src/store/sheet-inputs.ts';

describe('packed whole numbers from the database', () => {
  it('reads groups of numbers into columns, negatives and large cents included', () => {
    expect(unpackColumns('12 -3 4500,7 0 9007199254740991', 3)).toEqual([
      [12, 7],
      [-3, 0],
      [4500, 9_007_199_254_740_991],
    ]);
    expect(unpackColumns(null, 2)).toEqual([[], []]);
    expect(unpackColumns('', 4)).toEqual([[], [], [], []]);
    // The database sends them in any order; they come back oldest due first, then by id.
    expect(unpackOpenInvoices('5 -14 120000,9 3 99,4 3 7')).toEqual([
      { id: 4, dpd: 3, cents: 7 },
      { id: 9, dpd: 3, cents: 99 },
      { id: 5, dpd: -14, cents: 120_000 },
    ]);
  });

  it('orders the open invoices oldest due first whatever order they were packed in', () => {
    const invoice = fc.record({
      id: fc.integer({ min: 1, max: 1_000_000 }),
      dpd: fc.integer({ min: -90, max: 400 }),
      cents: fc.integer({ min: 0, max: 1e12 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(invoice, { selector: (i) => i.id, maxLength: 20 }), (invoices) => {
        const packed = invoices.map((i) => `${i.id} ${i.dpd} ${i.cents}`).join(',');
        const expected = [...invoices].sort((a, b) => b.dpd - a.dpd || a.id - b.id);
        expect(unpackOpenInvoices(packed || null)).toEqual(expected);
      }),
    );
  });

  it('gives back exactly what the database packed', () => {
    const group = fc.array(fc.integer({ min: -1_000_000, max: Number.MAX_SAFE_INTEGER }), {
      minLength: 4,
      maxLength: 4,
    });
    fc.assert(
      fc.property(fc.array(group, { maxLength: 30 }), (groups) => {
        const packed = groups.map((g) => g.join(' ')).join(',');
        const columns = unpackColumns(packed, 4);
        expect(columns).toEqual([0, 1, 2, 3].map((c) => groups.map((g) => g[c])));
      }),
    );
  });
});
