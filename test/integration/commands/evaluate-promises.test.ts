import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluatePromises } from '../../../src/app/evaluate-promises.ts';
import { openTestStore, type TestStore } from '../../support/test-store.ts';
import { addCustomers, NOW, type Runner, runner } from './fixture.ts';

let store: TestStore;
let run: Runner;
const deps = () => ({ store, now: () => NOW });
beforeAll(async () => {
  store = await openTestStore();
  await addCustomers(store);
  run = runner(store);
  // Only our own promises are judged here.
  await store.sql.query(`UPDATE promises SET status = 'cancelled' WHERE status = 'open'`);
});
afterAll(() => store.close());

async function pay(customerId: number, on: string, amount: string, reference: string) {
  await store.sql.query(
    `INSERT INTO payments (reference, customer_id, received_on, amount, actor, source) VALUES ($1, $2, $3, $4, 'erp', 'import')`,
    [reference, customerId, on, amount],
  );
}
const statusOf = async (customerId: number) =>
  (
    await store.sql.query<{ status: string; covered: string | null }>(
      `SELECT status::text AS status, covered_amount::text AS covered FROM promises WHERE customer_id = $1 ORDER BY due_on, id`,
      [customerId],
    )
  ).map((r) => `${r.status}:${r.covered}`);

describe('evaluatePromises', () => {
  it('marks promises kept or broken by real payments, and plans by their instalments', async () => {
    await run('logcall TESTCO promised 3000 6/1');
    await run('logcall TESTA promised 1500 6/1');
    await run('logcall OWES0 plan 200 in 2 weekly from 6/1');
    await pay(9001, '2027-06-03', '3000.00', 'PAY-T1'); // within the 3 grace days
    await pay(9002, '2027-06-02', '500.00', 'PAY-T2'); // short
    await pay(9003, '2027-06-01', '100.00', 'PAY-T3'); // first instalment only

    const early = await evaluatePromises(deps(), { asOf: '2027-06-03' });
    expect(early).toMatchObject({ kept: [expect.any(Number), expect.any(Number)], broken: [], stillOpen: 2 });
    expect(await statusOf(9002)).toEqual(['open:500.00']);

    const later = await evaluatePromises(deps(), { asOf: '2027-06-20' });
    expect(later.broken).toHaveLength(2);
    expect(await statusOf(9001)).toEqual(['kept:3000.00']);
    expect(await statusOf(9002)).toEqual(['broken:500.00']);
    expect(await statusOf(9003)).toEqual(['kept:100.00', 'broken:0.00']);
    const [plan] = await store.sql.query(
      `SELECT status::text AS status FROM payment_plans WHERE customer_id = 9003`,
    );
    expect(plan).toEqual({ status: 'broken' });
  });

  it('changes nothing when run again', async () => {
    const snapshot = await store.sql.query(
      `SELECT id, status, covered_amount::text FROM promises ORDER BY id`,
    );
    const again = await evaluatePromises(deps(), { asOf: '2027-06-20' });
    expect(again).toMatchObject({ evaluated: 0, kept: [], broken: [] });
    expect(
      await store.sql.query(`SELECT id, status, covered_amount::text FROM promises ORDER BY id`),
    ).toEqual(snapshot);
  });
});
