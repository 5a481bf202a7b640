import { describe, expect, it } from 'vitest';
import { ownEntry } from '../../../src/domain/own-entry.ts';

describe('look-ups by a typed word', () => {
  const table: Record<string, number> = { mon: 1, tue: 2 };

  it('finds the table’s own words', () => {
    expect(ownEntry(table, 'tue')).toBe(2);
    expect(ownEntry(table, 'mon')).toBe(1);
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    'finds nothing for %s, which every object inherits',
    (word) => {
      expect(ownEntry(table, word)).toBeUndefined();
    },
  );
});
