// As of D, the engine sees only what was known on D: nothing dated after it changes the plan.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planSheetsDay } from '../../src/app/build-call-sheets.ts';
import { addDays } from '../../src/domain/calendar.ts';
import { DEFAULT_DISPLAY } from '../../src/domain/money-text.ts';
import { DEFAULT_POLICY } from '../../src/domain/policy/policy-settings.ts';
import type { SqlConn } from '../../src/store/sql.ts';
import { smallDemoStore } from '../support/test-store.ts';

const TODAY = '2027-05-28';
const ZONE = 'America/New_York';
const demo = smallDemoStore(TODAY);

const holders = [
  { id: 1, code: 'ava', dailyCapacity: 30, timeZone: ZONE },
  { id: 2, code: 'hiro', dailyCapacity: 30, timeZone: ZONE },
];

async function dayOf(conn: SqlConn, asOf: string) {
  const { accounts, plan } = await planSheetsDay(conn, asOf, holders, DEFAULT_POLICY, 3, DEFAULT_DISPLAY);
  const sheets = [...plan.sheets.entries()].map(([id, rows]) => [
    id,
    rows.map((p) => [p.account.code, p.lateness.expectedLateCents, p.lateness.invoices.map((i) => i.p)]),
  ]);
  return {
    accounts,
    sheets,
    automated: plan.automated.map((p) => [p.account.code, p.treatment.step]),
    agency: plan.agency.map((a) => [a.planned.account.code, a.cents]),
  };
}

type Change =
  | { kind: 'invoice' | 'payment' | 'dispute' | 'undo'; customer: number; after: number; cents: number }
  | { kind: 'call'; customer: number; after: number; outcome: 'no_answer' | 'callback' | 'promised' };

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('invoice' as const, 'payment' as const, 'dispute' as const, 'undo' as const),
    customer: fc.integer({ min: 1, max: 200 }),
    after: fc.integer({ min: 1, max: 40 }),
    cents: fc.integer({ min: 100, max: 5_000_000 }),
  }),
  fc.record({
    kind: fc.constant('call' as const),
    customer: fc.integer({ min: 1, max: 200 }),
    after: fc.integer({ min: 1, max: 40 }),
    outcome: fc.constantFrom('no_answer' as const, 'callback' as const, 'promised' as const),
  }),
);

/** Records a change dated `after` days after `asOf` (at 15:00 UTC, after the day ends in any US zone). */
async function apply(tx: SqlConn, asOf: string, c: Change, n: number): Promise<void> {
  const day = addDays(asOf, c.after);
  const at = `${day}T15:00:00Z`;
  const amount = 'cents' in c ? (c.cents / 100).toFixed(2) : '100.00';
  // An invoice of the customer that was open on D (if any), for payments and disputes.
  const [open] = await tx.query<{ id: number; open: string }>(
    `SELECT id, open_amount::text AS open FROM invoices
      WHERE customer_id = $1 AND issue_date <= $2::date AND open_amount > 0 ORDER BY id LIMIT 1`,
    [c.customer, asOf],
  );
  if (c.kind === 'invoice') {
    await tx.query(
      `INSERT INTO invoices (number, customer_id, issue_date, due_date, amount, open_amount)
       VALUES ($1, $2, $3::date, $3::date - 60, $4::numeric, $4::numeric)`,
      [`LATE-${n}`, c.customer, day, amount],
    );
  } else if (c.kind === 'payment' && open) {
    const [p] = await tx.query<{ id: number }>(
      `INSERT INTO payments (reference, customer_id, received_on, amount) VALUES ($1, $2, $3::date, least($4::numeric, $5::numeric)) RETURNING id`,
      [`LATEPAY-${n}`, c.customer, day, amount, open.open],
    );
    await tx.query(
      `INSERT INTO payment_applications (payment_id, invoice_id, amount) SELECT $1, $2, amount FROM payments WHERE id = $1`,
      [p!.id, open.id],
    );
    await tx.query(
      `UPDATE invoices SET open_amount = open_amount - (SELECT amount FROM payments WHERE id = $1),
              status = CASE WHEN open_amount - (SELECT amount FROM payments WHERE id = $1) = 0 THEN 'paid' ELSE status END,
              paid_on = CASE WHEN open_amount - (SELECT amount FROM payments WHERE id = $1) = 0 THEN $3::date ELSE paid_on END
        WHERE id = $2`,
      [p!.id, open.id, day],
    );
  } else if (c.kind === 'dispute' && open) {
    await tx.query('UPDATE invoices SET disputed = true WHERE id = $1', [open.id]);
    await tx.query(
      `INSERT INTO disputes (customer_id, invoice_id, reason, opened_at, actor, source) VALUES ($1, $2, 'late dispute', $3, 'test', 'cli')`,
      [c.customer, open.id, at],
    );
  } else if (c.kind === 'undo') {
    await tx.query(
      `INSERT INTO interactions (customer_id, occurred_at, outcome, corrects_id, actor, source)
       SELECT customer_id, $2, 'undo', id, 'test', 'cli' FROM interactions
        WHERE customer_id = $1 AND occurred_at < $2 ORDER BY occurred_at DESC LIMIT 1`,
      [c.customer, at],
    );
  } else if (c.kind === 'call') {
    const [i] = await tx.query<{ id: number }>(
      `INSERT INTO interactions (customer_id, occurred_at, outcome, on_date, amount, actor, source)
       VALUES ($1, $2, $3::"Outcome", $4::date, 500, 'test', 'cli') RETURNING id`,
      [c.customer, at, c.outcome, addDays(day, 3)],
    );
    if (c.outcome === 'promised') {
      await tx.query(
        `INSERT INTO promises (customer_id, interaction_id, amount, due_on, actor, source) VALUES ($1, $2, 500, $3::date, 'test', 'cli')`,
        [c.customer, i!.id, addDays(day, 3)],
      );
    }
  }
}

class Rollback extends Error {}

describe('sheets as of a past day', () => {
  it('ignore every invoice, payment, call, promise, dispute and undo dated after that day', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('2027-03-15', '2027-04-20', '2027-05-10'),
        fc.array(change, { minLength: 1, maxLength: 6 }),
        async (asOf, changes) => {
          const before = await dayOf(demo().sql, asOf);
          let after: Awaited<ReturnType<typeof dayOf>> | undefined;
          await demo()
            .sql.transaction(async (tx) => {
              for (const [n, c] of changes.entries()) await apply(tx, asOf, c, n);
              after = await dayOf(tx, asOf);
              throw new Rollback();
            })
            .catch((err) => {
              if (!(err instanceof Rollback)) throw err;
            });
          expect(after).toEqual(before);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('differs from today: what happened since shows up', async () => {
    const past = await dayOf(demo().sql, '2027-04-20');
    const now = await dayOf(demo().sql, TODAY);
    expect(now.sheets).not.toEqual(past.sheets);
  });
});
