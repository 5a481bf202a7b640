import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acknowledgeAlert } from '../../src/app/acknowledge-alert.ts';
import { listAlerts } from '../../src/app/list-alerts.ts';
import { ALERT_SETTINGS, type ScanAlertsResult, scanAlerts } from '../../src/app/scan-alerts.ts';
import { snoozeAlert } from '../../src/app/snooze-alert.ts';
import type { Planted } from '../../src/demo/company.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import type { AlertKind } from '../../src/domain/alerts/candidate.ts';
import { enableMetrics } from '../../src/shared/metrics.ts';
import { writeSettings } from '../../src/store/settings.ts';
import { openTestStore, type TestStore } from '../support/test-store.ts';

const TODAY = '2027-05-28';
let store: TestStore;
let planted: Partial<Record<Planted, string[]>>;
let clock = new Date(`${TODAY}T13:00:00Z`);
const deps = () => ({ store, now: () => clock });
const actor = { code: 'morgan', source: 'cli' as const };
let first: ScanAlertsResult;

beforeAll(async () => {
  enableMetrics(); // counting starts when serve asks for it
  store = await openTestStore();
  planted = (await loadDemo(store, { size: 'small', seed: 42, today: TODAY })).marker.planted;
  first = await scanAlerts(deps(), { asOf: TODAY });
});
afterAll(async () => {
  await store?.close();
});

const codesOf = (kind: AlertKind) =>
  new Set(first.found.filter((a) => a.kind === kind).map((a) => a.customer.code));

describe('alert scan on the demo company', () => {
  it('counts the alerts it raises, by kind and severity, for /metrics', async () => {
    const counted = (await enableMetrics().alertsRaised.get()).values;
    const total = counted.reduce((n, v) => n + v.value, 0);
    expect(total).toBe(first.created.length);
    const kind = first.created[0]!.kind;
    expect(counted.filter((v) => v.labels.kind === kind).reduce((n, v) => n + v.value, 0)).toBe(
      first.created.filter((a) => a.kind === kind).length,
    );
  });

  it.each([
    ['new_customer_large_order', 'new_customer_large_order'],
    ['unusual_order', 'unusual_order'],
    ['broken_promise', 'broken_promise'],
    ['credit_limit', 'credit_limit'],
    ['slowing_payments', 'slowing_payer'],
  ] as const)('finds every planted %s', (kind, behaviour) => {
    const expected = planted[behaviour] ?? [];
    expect(expected.length).toBeGreaterThan(0);
    const found = codesOf(kind);
    expect(expected.filter((code) => !found.has(code))).toEqual([]);
  });

  it('raises the order alerts only for the planted orders (precision 1 on the demo)', () => {
    expect([...codesOf('new_customer_large_order')].sort()).toEqual(
      [...(planted.new_customer_large_order ?? [])].sort(),
    );
    expect([...codesOf('unusual_order')].sort()).toEqual([...(planted.unusual_order ?? [])].sort());
    expect([...codesOf('broken_promise')].sort()).toEqual([...(planted.broken_promise ?? [])].sort());
  });

  it('says slowing only of customers whose payments really slowed or stopped', () => {
    const troubled = new Set([
      ...(planted.slowing_payer ?? []),
      ...(planted.never_pays ?? []),
      ...(planted.broken_promise ?? []),
      ...(planted.no_answer_streak ?? []),
    ]);
    expect([...codesOf('slowing_payments')].filter((code) => !troubled.has(code))).toEqual([]);
  });

  it('keeps steady payers and normal new customers silent', () => {
    const quiet = new Set([...(planted.always_60_days ?? []), ...(planted.new_customer_normal ?? [])]);
    expect(
      first.found.filter((a) => quiet.has(a.customer.code)).map((a) => `${a.kind} ${a.customer.code}`),
    ).toEqual([]);
  });

  it('explains each alert with its numbers, a sparkline and what to do', () => {
    for (const alert of first.created) {
      expect(alert.message).toMatch(/\$[\d,]+\.\d\d|\d+ days/);
      expect(alert.suggestedAction.length).toBeGreaterThan(10);
      expect(Object.keys(alert.numbers).length).toBeGreaterThan(2);
      expect(alert.sparkline).toMatch(/^[▁▂▃▄▅▆▇ ]+$/);
      expect(alert.customer?.code).toBeTruthy();
    }
    const large = first.created.find((a) => a.kind === 'new_customer_large_order');
    expect(large?.suggestedAction).toBe('Call before invoicing: confirm it is legitimate and will be paid');
    expect(large?.severity).toBe('critical');
  });

  it('never alerts the same fact twice', async () => {
    expect(first.created.length).toBe(first.found.length);
    const again = await scanAlerts(deps(), { asOf: TODAY });
    expect(again.found.length).toBe(first.found.length);
    expect(again.created).toEqual([]);
    const [{ n } = { n: 0 }] = await store.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM alerts');
    expect(n).toBe(first.found.length);
  });

  it('measures a new customer against the median first order of its industry and region, else everyone', async () => {
    // The oracle: each customer's first order, and the medians, worked out by Postgres.
    const rows = await store.sql.query<{ scope: string; median: string; n: number }>(
      `WITH f AS (SELECT c.industry, c.region,
                         (SELECT o.amount * 100 FROM orders o
                           WHERE o.customer_id = c.id AND o.order_date = c.first_order_on AND o.status <> 'cancelled'
                           ORDER BY o.id LIMIT 1) AS cents
                    FROM customers c)
       SELECT coalesce(industry, 'no industry') || ', ' || coalesce(region, 'no region') AS scope,
              round(percentile_cont(0.5) WITHIN GROUP (ORDER BY cents))::int8::text AS median, count(cents)::int AS n
         FROM f GROUP BY industry, region
       UNION ALL
       SELECT 'all customers', round(percentile_cont(0.5) WITHIN GROUP (ORDER BY cents))::int8::text, count(cents)::int FROM f`,
    );
    const oracle = new Map(rows.map((r) => [r.scope, { peerMedianCents: Number(r.median), peerCount: r.n }]));
    const peersOf = (scan: ScanAlertsResult) =>
      scan.found
        .filter((a) => a.kind === 'new_customer_large_order')
        .map((a) => ({
          scope: String(a.numbers.peerScope),
          peerMedianCents: a.numbers.peerMedianCents,
          peerCount: a.numbers.peerCount,
        }));
    for (const { scope, ...numbers } of peersOf(first)) expect(numbers).toEqual(oracle.get(scope));

    // A group of one is enough at minPeers 1; no group is at 100,000 and everyone is the comparison.
    for (const minPeers of [1, 100_000]) {
      await writeSettings(
        store.sql,
        ALERT_SETTINGS,
        { newCustomer: { minPeers } },
        {
          actor: 'morgan',
          source: 'cli',
        },
      );
      const peers = peersOf(await scanAlerts(deps(), { asOf: TODAY }));
      expect(peers.length).toBeGreaterThan(0);
      for (const { scope, ...numbers } of peers) {
        expect(scope === 'all customers').toBe(minPeers > 1);
        expect(numbers).toEqual(oracle.get(scope));
      }
    }
    await store.sql.query(`DELETE FROM settings WHERE key = 'alerts'`);
  });

  it('follows its thresholds from the settings', async () => {
    await writeSettings(
      store.sql,
      ALERT_SETTINGS,
      { newCustomer: { floorDollars: 1_000_000 } },
      {
        actor: 'morgan',
        source: 'cli',
      },
    );
    const scan = await scanAlerts(deps(), { asOf: TODAY });
    expect(scan.found.filter((a) => a.kind === 'new_customer_large_order')).toEqual([]);
    await store.sql.query(`DELETE FROM settings WHERE key = 'alerts'`);
  });
});

describe('acknowledging and snoozing', () => {
  it('takes an acknowledged alert off the open list, and --all still shows it', async () => {
    const open = await listAlerts(deps());
    const target = open[0]!;
    const acked = await acknowledgeAlert(deps(), { id: target.id, actor });
    expect(acked).toMatchObject({ ok: true, value: { status: 'acknowledged', acknowledgedBy: 'morgan' } });
    expect((await listAlerts(deps())).map((a) => a.id)).not.toContain(target.id);
    expect((await listAlerts(deps(), { all: true })).map((a) => a.id)).toContain(target.id);
  });

  it('hides a snoozed alert for 7 days, then it is open again', async () => {
    const [target] = await listAlerts(deps());
    const snoozed = await snoozeAlert(deps(), { id: target!.id, actor });
    expect(snoozed.ok && snoozed.value.status).toBe('snoozed');
    expect((await listAlerts(deps())).map((a) => a.id)).not.toContain(target!.id);
    clock = new Date(clock.getTime() + 7 * 86_400_000 + 1000);
    const back = (await listAlerts(deps())).find((a) => a.id === target!.id);
    expect(back?.status).toBe('open');
  });

  it('answers an unknown alert or a bad snooze with a coded error', async () => {
    expect(await acknowledgeAlert(deps(), { id: 999_999, actor })).toMatchObject({
      ok: false,
      error: { code: 'unknown_alert' },
    });
    expect(await snoozeAlert(deps(), { id: 1, actor, days: 0 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_snooze' },
    });
  });
});

describe('slowing payments of a top customer whose recent invoices total $0', () => {
  it('raises no alert: no days-to-pay is not a slowdown', async () => {
    await store.sql.transaction(async (tx) => {
      const [c] = await tx.query<{ id: number }>(
        `INSERT INTO customers (code, name, pinned) VALUES ('ZERO', 'Zero Recent Ltd', true) RETURNING id`,
      );
      // Baseline: paid in 30 days; recent window: two $0 invoices (credit-noted), paid late.
      const invoices: [string, number, number][] = [
        ['ZERO-1', 300, 270],
        ['ZERO-2', 240, 210],
        ['ZERO-3', 80, 20],
        ['ZERO-4', 70, 10],
      ];
      for (const [number, issuedDaysAgo, paidDaysAgo] of invoices) {
        const amount = paidDaysAgo > 90 ? 5000 : 0;
        await tx.query(
          `INSERT INTO invoices (number, customer_id, issue_date, due_date, amount, open_amount, status, paid_on)
           VALUES ($1, $2, $3::date - $4::int, $3::date - $4::int + 30, $6::numeric, 0, 'paid', $3::date - $5::int)`,
          [number, c?.id, TODAY, issuedDaysAgo, paidDaysAgo, amount],
        );
      }
    });
    const scan = await scanAlerts(deps(), { asOf: TODAY });
    expect(scan.found.filter((a) => a.customer.code === 'ZERO')).toEqual([]);
  });
});

describe('slowing payments of a top customer with an open credit note', () => {
  it('does not count the credit note as an invoice still unpaid', async () => {
    const slowing = async () =>
      (await scanAlerts(deps(), { asOf: TODAY })).found.find(
        (a) => a.kind === 'slowing_payments' && a.customer.code === 'CREDIT',
      )?.numbers;
    const [c] = await store.sql.query<{ id: number }>(
      `INSERT INTO customers (code, name, pinned) VALUES ('CREDIT', 'Credit Note Ltd', true) RETURNING id`,
    );
    // Baseline: paid in 30 days; recent: paid in 80-90 days.
    const invoices: [string, number, number, number, string][] = [
      ['CREDIT-1', 300, 270, 5000, 'paid'],
      ['CREDIT-2', 240, 210, 5000, 'paid'],
      ['CREDIT-3', 200, 170, 5000, 'paid'],
      ['CREDIT-4', 120, 30, 5000, 'paid'],
      ['CREDIT-5', 100, 20, 5000, 'paid'],
    ];
    const insert = ([number, issuedDaysAgo, paidDaysAgo, amount, status]: (typeof invoices)[number]) =>
      store.sql.query(
        `INSERT INTO invoices (number, customer_id, issue_date, due_date, amount, open_amount, status, paid_on)
         VALUES ($1, $2, $3::date - $4::int, $3::date - $4::int + 30, $6::numeric,
                 CASE WHEN $7 = 'paid' THEN 0 ELSE $6::numeric END, $7::"InvoiceStatus",
                 CASE WHEN $7 = 'paid' THEN $3::date - $5::int END)`,
        [number, c?.id, TODAY, issuedDaysAgo, paidDaysAgo, amount, status],
      );
    for (const invoice of invoices) await insert(invoice);
    const before = await slowing();
    expect(before).toMatchObject({ baselineDaysToPay: 30, stillOpenLate: 0 });

    // A credit of $2,000 issued 200 days ago and not yet used: open, and past the usual 30 days.
    await insert(['CREDIT-CN1', 200, 0, -2000, 'open']);
    // Days to pay as before; only the 12-month sales are net of the credit.
    expect(await slowing()).toEqual({ ...before, salesCents12m: Number(before?.salesCents12m) - 200_000 });
  });
});
