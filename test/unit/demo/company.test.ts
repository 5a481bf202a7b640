import { describe, expect, it } from 'vitest';
import { type DemoBatch, demoBatches, type Planted } from '../../../src/demo/company.ts';
import { daysBetween } from '../../../src/domain/calendar.ts';
import { centsFromDecimal } from '../../../src/domain/money.ts';

const TODAY = '2027-05-28';
const collect = (seed: number): DemoBatch[] => [...demoBatches({ size: 'small', seed, today: TODAY })];

describe('demo company', () => {
  it('is the same for the same seed and different for another', () => {
    expect(JSON.stringify(collect(7))).toBe(JSON.stringify(collect(7)));
    expect(JSON.stringify(collect(7))).not.toBe(JSON.stringify(collect(8)));
  });

  const batches = collect(42);
  const all = <K extends keyof DemoBatch>(key: K) =>
    batches.flatMap((b) => b[key] as DemoBatch[K][]) as never[];

  it('plants every behaviour even in the small company', () => {
    const planted = new Set(batches.flatMap((b) => Object.keys(b.planted)));
    const expected: Planted[] = [
      'slowing_payer',
      'broken_promise',
      'dispute',
      'new_customer_large_order',
      'new_customer_normal',
      'unusual_order',
      'credit_limit',
      'never_pays',
      'always_60_days',
      'callback_today',
      'no_answer_streak',
    ];
    for (const what of expected) expect(planted, what).toContain(what);
  });

  it('keeps every invoice balance equal to its amount less the payments applied to it', () => {
    const invoices = all('invoices') as DemoBatch['invoices'];
    const applied = new Map<number, number>();
    for (const a of all('applications') as DemoBatch['applications']) {
      applied.set(a.invoiceId, (applied.get(a.invoiceId) ?? 0) + centsFromDecimal(a.amount));
    }
    for (const inv of invoices) {
      expect(centsFromDecimal(inv.openAmount)).toBe(
        centsFromDecimal(inv.amount) - (applied.get(inv.id) ?? 0),
      );
      expect(inv.status === 'paid').toBe(centsFromDecimal(inv.openAmount) === 0);
    }
  });

  it('never dates anything after the anchor day', () => {
    for (const inv of all('invoices') as DemoBatch['invoices'])
      expect(daysBetween(inv.issueDate, TODAY)).toBeGreaterThan(0);
    for (const p of all('payments') as DemoBatch['payments'])
      expect(daysBetween(p.receivedOn, TODAY)).toBeGreaterThanOrEqual(0);
  });

  it('concentrates receivables: a fifth of the customers carry most of the open balance', () => {
    const open = new Map<number, number>();
    for (const inv of all('invoices') as DemoBatch['invoices']) {
      open.set(inv.customerId, (open.get(inv.customerId) ?? 0) + centsFromDecimal(inv.openAmount));
    }
    const sorted = [...open.values()].sort((a, b) => b - a);
    const total = sorted.reduce((s, v) => s + v, 0);
    const top = sorted.slice(0, Math.ceil(sorted.length / 5)).reduce((s, v) => s + v, 0);
    expect(top / total).toBeGreaterThan(0.6);
  });

  it('includes Acme Corp, the customer the docs use', () => {
    expect((all('customers') as DemoBatch['customers']).find((c) => c.code === 'ACME')?.name).toBe(
      'Acme Corp',
    );
  });
});
