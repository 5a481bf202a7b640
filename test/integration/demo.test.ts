import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoBatches } from '../../src/demo/company.ts';
import { countRows, loadDemo } from '../../src/demo/load-demo.ts';
import { openTestStore, type TestStore } from '../support/test-store.ts';

const TODAY = '2027-05-28';
let store: TestStore;
beforeAll(async () => {
  store = await openTestStore();
});
afterAll(async () => {
  await store?.close();
});

describe('loading the demo company', () => {
  it('loads every generated row, and loading it again changes nothing', async () => {
    const first = await loadDemo(store, { size: 'small', seed: 42, today: TODAY });
    expect(first.status).toBe('loaded');
    const generated = [...demoBatches({ size: 'small', seed: 42, today: TODAY })];
    expect(first.counts.invoices).toBe(generated.reduce((n, b) => n + b.invoices.length, 0));
    expect(first.counts.customers).toBe(200);

    const checksum = async () =>
      (
        await store.sql.query<{ sum: string }>(
          "SELECT md5(string_agg(number || ':' || open_amount::text || ':' || coalesce(paid_on::text, ''), ',' ORDER BY number)) AS sum FROM invoices",
        )
      )[0]?.sum;
    const before = await checksum();
    const again = await loadDemo(store, { size: 'small', seed: 42, today: TODAY });
    expect(again.status).toBe('unchanged');
    expect(await countRows(store.sql)).toEqual(first.counts);
    expect(await checksum()).toBe(before);
  });

  it('keeps money exact: stored balances equal amounts less applied payments', async () => {
    const [row] = await store.sql.query<{ bad: number }>(
      `SELECT count(*)::int AS bad FROM invoices i
        LEFT JOIN (SELECT invoice_id, sum(amount) AS paid FROM payment_applications GROUP BY invoice_id) p ON p.invoice_id = i.id
        WHERE i.open_amount <> i.amount - coalesce(p.paid, 0)`,
    );
    expect(row?.bad).toBe(0);
  });

  it('replaces an older demo when the anchor day moves, and ids keep counting after it', async () => {
    const moved = await loadDemo(store, { size: 'small', seed: 42, today: '2027-06-01' });
    expect(moved.status).toBe('replaced');
    expect(moved.counts.customers).toBe(200);
    const created = await store.prisma.customer.create({ data: { code: 'NEW1', name: 'New One' } });
    expect(created.id).toBeGreaterThan(200);
  });

  it('refuses to load into a database that holds non-demo customers', async () => {
    await store.sql.exec("DELETE FROM settings WHERE key = 'demo'");
    await expect(loadDemo(store, { size: 'small', seed: 1, today: TODAY })).rejects.toThrow(/not demo data/);
  });
});
