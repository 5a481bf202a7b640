import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCallSheets, planAutomatedTier } from '../../src/app/build-call-sheets.ts';
import type { SheetSet } from '../../src/app/sheet-model.ts';
import type { Planted } from '../../src/demo/company.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { mailMergeCsv } from '../../src/views/console/mail-merge-csv.ts';
import { sheetText, teamText } from '../../src/views/console/sheet-text.ts';
import { openTestStore, type TestStore } from '../support/test-store.ts';

const TODAY = '2027-05-28';
let store: TestStore;
let set: SheetSet;
let planted: Partial<Record<Planted, string[]>>;
const deps = () => ({ store, now: () => new Date(`${TODAY}T13:00:00Z`) });

beforeAll(async () => {
  store = await openTestStore();
  planted = (await loadDemo(store, { size: 'small', seed: 42, today: TODAY })).marker.planted;
  set = await buildCallSheets(deps(), { automated: true });
});
afterAll(async () => {
  await store?.close();
});

const rows = () => set.sheets.flatMap((s) => s.rows);
const row = (code: string) => rows().find((r) => r.customer.code === code);
const automated = (code: string) => set.automated.find((r) => r.customer.code === code);

describe("the demo company's sheets (size small, seed 42)", () => {
  it('builds today in the collectors’ zone and pins the golden sheets', () => {
    expect(set.asOf).toBe(TODAY);
    expect(set.sheets.map((s) => s.collector.code)).toEqual(['ava', 'hiro']);
    expect(
      `${set.sheets.map((s) => sheetText(s)).join('\n')}\n${teamText(set.summary, set.sheets)}`,
    ).toMatchSnapshot();
  });

  it('fills each sheet to its capacity, callbacks first, then by expected late dollars, with places kept for late debts', () => {
    for (const sheet of set.sheets) {
      expect(sheet.rows.length).toBe(sheet.collector.dailyCapacity);
      expect(sheet.rows.map((r) => r.rank)).toEqual(sheet.rows.map((_, k) => k + 1));
      const ranked = sheet.rows.filter((r) => r.action.step !== 'callback' && !r.pinned && !r.reserved);
      const expected = ranked.map((r) => r.expectedLateCents);
      expect(expected).toEqual([...expected].sort((a, b) => b - a));
      for (const r of sheet.rows) {
        expect(r.lateProbability).toBeGreaterThanOrEqual(0);
        expect(r.lateProbability).toBeLessThanOrEqual(1);
        expect(r.reasons[0]).toMatch(/likely to be paid more than 30 days late/);
        if (r.reserved)
          expect(r.reasons[1]).toMatch(
            /^(one of the oldest debts still with the callers|its late debt's call is due): \d+ days? past due/,
          );
      }
    }
    // 5% of the team's calls (rounded) are places kept for late debts.
    const reserved = rows().filter((r) => r.reserved);
    expect(reserved).toHaveLength(Math.round(set.summary.capacity.capacity * 0.05));
    const { coverage } = set.summary;
    expect(coverage.coveredExpectedLateCents).toBeLessThanOrEqual(coverage.expectedLateCents);
    expect(coverage.coveredExpectedLateCents).toBeGreaterThan(coverage.expectedLateCents / 2);
  });

  it('puts money at the agency step in the agency queue, not on the sheets', () => {
    expect(set.agency.length).toBeGreaterThan(0);
    const agencyOnly = set.agency.filter((a) => !a.onSheet).map((a) => a.customer.code);
    for (const code of agencyOnly) expect(row(code), code).toBeUndefined();
    for (const r of rows()) expect(r.action.step).not.toMatch(/^agency/);
    expect(set.summary.agency.customers).toBe(set.agency.length);
  });

  it('escalates every broken promise at once and says so', () => {
    for (const code of planted.broken_promise ?? []) {
      const r = row(code);
      expect(r, code).toBeDefined();
      expect(r?.action.escalated).toBe(true);
      expect(r?.action.label).toMatch(/now \(2 broken promises\)/);
      expect(r?.reasons).toContain('2 broken promises since April');
      expect(r?.contact?.role).not.toBe('ap');
    }
  });

  it('names the slowing payers with how much slower they pay', () => {
    const onSheet = (planted.slowing_payer ?? []).map((code) => row(code)).filter((r) => r !== undefined);
    expect(onSheet.length).toBeGreaterThan(0);
    for (const r of onSheet) expect(r.reasons.join(' · ')).toMatch(/pays \d+ days slower than 6 months ago/);
  });

  it('follows up disputes instead of dunning', () => {
    const found = (planted.dispute ?? []).map((code) => row(code) ?? automated(code)).filter(Boolean);
    expect(found.length).toBeGreaterThan(0);
    for (const r of found) {
      expect(r?.action.step).toBe('dispute_follow_up');
      if (r && 'reasons' in r) expect(r.reasons.some((t) => /open dispute/.test(t))).toBe(true);
      else expect(r?.action.label).toMatch(/^Dispute acknowledgement for INV-/);
    }
  });

  it('puts callbacks on their day and escalates repeated no-answers', () => {
    for (const code of planted.callback_today ?? []) {
      expect(row(code)?.action).toMatchObject({ step: 'callback', label: 'Call back as agreed (due today)' });
    }
    for (const code of planted.no_answer_streak ?? []) {
      expect(row(code)?.action.escalated).toBe(true);
      expect(row(code)?.reasons.some((t) => /unanswered calls in a row/.test(t))).toBe(true);
    }
  });

  it('builds one collector’s sheet, and refuses an unknown collector by name', async () => {
    const one = await buildCallSheets(deps(), { collectorCode: 'HIRO', automated: true });
    expect(one.sheets.map((s) => s.collector.code)).toEqual(['hiro']);
    expect(one.sheets[0]?.rows).toEqual(set.sheets[1]?.rows);
    // Their part of the automated tier is the team's, row for row.
    expect(one.automated.length).toBeGreaterThan(0);
    expect(one.automated).toEqual(set.automated.filter((r) => r.collectorCode === 'hiro'));
    await expect(buildCallSheets(deps(), { collectorCode: 'nobody' })).rejects.toThrow(
      'no collector "nobody" has a call sheet (collectors: ava, hiro)',
    );
  });

  it('writes the automated tier as an RFC 4180 mail-merge queue', () => {
    const csv = mailMergeCsv(set.automated);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'customer_code,customer_name,contact_name,contact_role,contact_email,treatment_step,action,amount,oldest_days_past_due,invoice_numbers,collector,over_capacity',
    );
    expect(lines).toHaveLength(set.automated.length + 2);
    const onSheets = new Set(rows().map((r) => r.customer.code));
    expect(set.automated.some((r) => onSheets.has(r.customer.code))).toBe(false);
  });

  it('counts the automated tier without listing it unless asked (digests, the team view)', async () => {
    const counted = await buildCallSheets(deps());
    expect(counted.automated).toEqual([]);
    expect(counted.summary.automatedCustomers).toBe(set.automated.length);
    expect(counted.summary).toEqual(set.summary);
    expect(counted.sheets).toEqual(set.sheets);
  });

  it('gives the outreach batch the same automated tier, from the plan alone', async () => {
    const tier = await planAutomatedTier(deps());
    expect(tier.asOf).toBe(set.asOf);
    expect(tier.accounts.map((p) => [p.account.code, p.treatment.step, p.treatment.escalated])).toEqual(
      set.automated.map((r) => [r.customer.code, r.action.step, r.action.escalated]),
    );
  });
});
