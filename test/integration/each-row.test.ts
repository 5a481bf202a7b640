// Rows read one by one as they arrive (the engine's wide morning read): every row once, in order,
// on both backends; a failure while handling a row fails the read and leaves the connection usable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachRow } from '../../src/store/sql.ts';
import { openTestStore, type TestStore } from '../support/test-store.ts';

let store: TestStore;
beforeAll(async () => {
  store = await openTestStore();
});
afterAll(async () => {
  await store?.close();
});

const SERIES = 'SELECT n, repeat($2::text, n % 7) AS text FROM generate_series(1, $1::int) AS n';

describe('forEachRow', () => {
  it('hands over every row once, in order, in a transaction and on the pool', async () => {
    for (const run of [
      (fn: Parameters<typeof store.sql.transaction>[0]) => store.sql.transaction(fn),
      (fn: Parameters<typeof store.sql.transaction>[0]) => fn(store.sql),
    ]) {
      const seen: number[] = [];
      await run((conn) =>
        forEachRow<{ n: number; text: string }>(conn, SERIES, [20_000, 'ab'], (row) => {
          expect(row.text).toBe('ab'.repeat(row.n % 7));
          seen.push(row.n);
        }),
      );
      expect(seen).toEqual(Array.from({ length: 20_000 }, (_, k) => k + 1));
    }
  });

  it('fails with the error a row raised, and the connection serves the next query', async () => {
    await expect(
      store.sql.transaction((conn) =>
        forEachRow<{ n: number }>(conn, SERIES, [5_000, 'x'], (row) => {
          if (row.n === 1_234) throw new Error('row 1234 is bad');
        }),
      ),
    ).rejects.toThrow('row 1234 is bad');
    const [row] = await store.sql.query<{ one: number }>('SELECT 1 AS one');
    expect(row?.one).toBe(1);
  });
});
