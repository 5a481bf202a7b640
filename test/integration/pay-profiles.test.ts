// The stored pay profiles are a cache of the engine's history summaries: a day planned from them is
// the day planned from the invoices, for today and for past days, and a write to the invoices makes
// the next read rebuild them.
import { describe, expect, it } from 'vitest';
import { planSheetsDay } from '../../src/app/build-call-sheets.ts';
import { addDays } from '../../src/domain/calendar.ts';
import { DEFAULT_DISPLAY } from '../../src/domain/money-text.ts';
import { DEFAULT_POLICY } from '../../src/domain/policy/policy-settings.ts';
import { forgetReadProfiles, historiesFromProfiles } from '../../src/store/pay-profiles.ts';
import { type HistorySource, historiesFromInvoices } from '../../src/store/sheet-inputs.ts';
import { demoStore } from '../support/test-store.ts';

const TODAY = '2026-12-03';
const ZONE = 'America/New_York';
const demo = demoStore(TODAY, 'medium');

const holders = [
  { id: 1, code: 'ava', dailyCapacity: 30, timeZone: ZONE },
  { id: 2, code: 'hiro', dailyCapacity: 30, timeZone: ZONE },
  { id: 3, code: 'mei', dailyCapacity: 30, timeZone: ZONE },
];

const planOf = async (asOf: string, histories: HistorySource) =>
  (await planSheetsDay(demo().sql, asOf, holders, DEFAULT_POLICY, 3, DEFAULT_DISPLAY, histories)).plan;

async function state() {
  const [row] = await demo().sql.query<{ fresh: boolean; as_of: string | null }>(
    'SELECT (built_version = ledger_version) IS TRUE AS fresh, as_of::text FROM pay_profile_state',
  );
  return row;
}

describe('pay profiles (medium demo)', () => {
  it('plan every day exactly as the invoices do, when built and when read back', async () => {
    for (const asOf of [TODAY, addDays(TODAY, -1), addDays(TODAY, -30), addDays(TODAY, -95), TODAY]) {
      const full = await planOf(asOf, historiesFromInvoices);
      const built = await planOf(asOf, historiesFromProfiles);
      expect(await state()).toEqual({ fresh: true, as_of: asOf });
      const read = await planOf(asOf, historiesFromProfiles);
      expect(built).toEqual(full);
      expect(read).toEqual(full);
      expect(read.sheets.size).toBeGreaterThan(0);
    }
  }, 600_000);

  it('go stale on any write to the invoices, and the next day is planned from the new ledger', async () => {
    await planOf(TODAY, historiesFromProfiles);
    expect((await state())?.fresh).toBe(true);
    // A payment recorded against the largest open invoice: its customer's year changes.
    await demo().sql.query(
      `UPDATE invoices SET open_amount = 0, paid_on = $1::date, status = 'paid'
        WHERE id = (SELECT id FROM invoices WHERE open_amount > 0 ORDER BY open_amount DESC, id LIMIT 1)`,
      [TODAY],
    );
    expect((await state())?.fresh).toBe(false);
    const full = await planOf(TODAY, historiesFromInvoices);
    expect(await planOf(TODAY, historiesFromProfiles)).toEqual(full);
    expect(await planOf(TODAY, historiesFromProfiles)).toEqual(full);
    // An import writes with the ordinary triggers off (session_replication_role = replica): still stale.
    await planOf(TODAY, historiesFromProfiles);
    await demo().sql.transaction(async (tx) => {
      await tx.query('SET LOCAL session_replication_role = replica');
      await tx.query(
        `UPDATE invoices SET paid_on = paid_on - 1 WHERE id = (SELECT min(id) FROM invoices WHERE paid_on IS NOT NULL)`,
      );
    });
    expect((await state())?.fresh).toBe(false);
    expect(await planOf(TODAY, historiesFromProfiles)).toEqual(await planOf(TODAY, historiesFromInvoices));
    // A write that cannot change a history (a dispute flag) keeps them.
    await demo().sql.query('UPDATE invoices SET disputed = true WHERE id = 1');
    expect((await state())?.fresh).toBe(true);
  }, 600_000);

  it('rebuild a stored set whose profiles have another size (written by another version)', async () => {
    const full = await planOf(TODAY, historiesFromInvoices);
    await planOf(TODAY, historiesFromProfiles);
    expect((await state())?.fresh).toBe(true);
    await demo().sql.query(
      'UPDATE pay_profiles SET figures = substring(figures FROM 9) WHERE customer_id = (SELECT min(customer_id) FROM pay_profiles)',
    );
    forgetReadProfiles(demo().sql);
    expect(await planOf(TODAY, historiesFromProfiles)).toEqual(full);
    const sizes = await demo().sql.query<{ n: number }>(
      'SELECT DISTINCT length(figures) AS n FROM pay_profiles',
    );
    expect(sizes).toHaveLength(1);
    forgetReadProfiles(demo().sql);
    expect(await planOf(TODAY, historiesFromProfiles)).toEqual(full);
  }, 600_000);
});
