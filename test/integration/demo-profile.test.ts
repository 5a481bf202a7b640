// The second shape of demo history (`--profile prompt`): it loads, its planted behaviours are
// there for the sheets and the alerts to find, and the profile is part of what makes a demo the
// same one (loading it again changes nothing; the other profile replaces it).
import { describe, expect, it } from 'vitest';
import { buildCallSheets } from '../../src/app/build-call-sheets.ts';
import { scanAlerts } from '../../src/app/scan-alerts.ts';
import { countRows, loadDemo, readDemoMarker } from '../../src/demo/load-demo.ts';
import type { Planted } from '../../src/demo/rows.ts';
import { smallDemoStore } from '../support/test-store.ts';

const TODAY = '2027-05-28';
const PROMPT = { size: 'small', seed: 42, today: TODAY, profile: 'prompt' } as const;
// The default (mixed) small demo is loaded first.
const store = smallDemoStore(TODAY);
let planted: Partial<Record<Planted, string[]>>;
const deps = () => ({ store: store(), now: () => new Date(`${TODAY}T13:00:00Z`) });

describe('the prompt profile of the demo', () => {
  it('replaces the default demo: 100 customers, one collector; loading it again changes nothing', async () => {
    const first = await loadDemo(store(), PROMPT);
    expect(first.status).toBe('replaced');
    expect(first.counts.customers).toBe(100);
    expect(first.counts.collectors).toBe(2); // and the manager
    planted = first.marker.planted;
    expect(await readDemoMarker(store().sql)).toMatchObject({ profile: 'prompt', size: 'small', seed: 42 });

    const again = await loadDemo(store(), PROMPT);
    expect(again.status).toBe('unchanged');
    expect(await countRows(store().sql)).toEqual(first.counts);
  });

  it('has its planted behaviours where the alert scan finds them', async () => {
    const scan = await scanAlerts(deps(), { asOf: TODAY });
    const found = (kind: string) =>
      new Set(scan.found.filter((a) => a.kind === kind).map((a) => a.customer.code));
    for (const [kind, behaviour] of [
      ['new_customer_large_order', 'new_customer_large_order'],
      ['unusual_order', 'unusual_order'],
      ['broken_promise', 'broken_promise'],
      ['credit_limit', 'credit_limit'],
      ['slowing_payments', 'slowing_payer'],
    ] as const) {
      const expected = planted[behaviour] ?? [];
      expect(expected.length, behaviour).toBeGreaterThan(0);
      expect(
        expected.filter((code) => !found(kind).has(code)),
        behaviour,
      ).toEqual([]);
    }
  });

  it('has its planted behaviours on the sheet with their actions', async () => {
    const set = await buildCallSheets(deps(), { automated: true });
    const row = (code: string) => set.sheets.flatMap((s) => s.rows).find((r) => r.customer.code === code);
    for (const code of planted.broken_promise ?? [])
      expect(row(code)?.action.label).toMatch(/2 broken promises/);
    for (const code of planted.callback_today ?? [])
      expect(row(code)?.action).toMatchObject({ step: 'callback', label: 'Call back as agreed (due today)' });
    for (const code of planted.no_answer_streak ?? []) expect(row(code)?.action.escalated).toBe(true);
    for (const code of planted.dispute ?? []) {
      const r = row(code) ?? set.automated.find((a) => a.customer.code === code);
      expect(r?.action.step, code).toBe('dispute_follow_up');
    }
  });

  it('is replaced by the default profile again', async () => {
    const mixed = await loadDemo(store(), { size: 'small', seed: 42, today: TODAY });
    expect(mixed.status).toBe('replaced');
    expect(mixed.counts.customers).toBe(200);
    expect(mixed.marker.profile).toBe('mixed');
    // A marker written before there were profiles was the default one.
    await store().sql.exec(`UPDATE settings SET value = value - 'profile' WHERE key = 'demo'`);
    expect((await loadDemo(store(), { size: 'small', seed: 42, today: TODAY })).status).toBe('unchanged');
    expect((await readDemoMarker(store().sql))?.profile).toBe('mixed');
  });
});
