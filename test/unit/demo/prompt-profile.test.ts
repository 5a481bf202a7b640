import { describe, expect, it } from 'vitest';
import { type DemoBatch, type DemoOptions, demoBatches, demoCollectors } from '../../../src/demo/company.ts';
import { PROMPT_SIZES } from '../../../src/demo/profiles/prompt.ts';
import { PLANTED } from '../../../src/demo/rows.ts';
import { daysBetween } from '../../../src/domain/calendar.ts';
import { centsFromDecimal } from '../../../src/domain/money.ts';

const TODAY = '2027-05-28';
const collect = (options: Partial<DemoOptions> = {}): DemoBatch[] => [
  ...demoBatches({ size: 'small', seed: 42, today: TODAY, profile: 'prompt', ...options }),
];
const all = <K extends Exclude<keyof DemoBatch, 'planted'>>(batches: DemoBatch[], key: K) =>
  batches.flatMap((b) => b[key] as DemoBatch[K][number][]);

/**
 * The share of customers that pay late: the amount-weighted days past due of the invoices due in
 * the 12 months before the anchor day (paid: when paid; unpaid: today) is over 15.
 */
function latePayerShare(batches: DemoBatch[]): number {
  const days = new Map<number, { weight: number; sum: number }>();
  for (const inv of all(batches, 'invoices')) {
    const pastDue = daysBetween(inv.dueDate, TODAY);
    if (pastDue <= 0 || pastDue > 365) continue;
    const late = inv.paidOn ? daysBetween(inv.dueDate, inv.paidOn) : pastDue;
    const amount = centsFromDecimal(inv.amount);
    const c = days.get(inv.customerId) ?? { weight: 0, sum: 0 };
    c.weight += amount;
    c.sum += amount * late;
    days.set(inv.customerId, c);
  }
  const late = [...days.values()].filter((c) => c.sum / c.weight > 15).length;
  return late / days.size;
}

describe('the prompt profile of the demo company', () => {
  const small = collect();
  const medium = collect({ size: 'medium' });

  it('is the same for the same seed, size and day, and different for another seed', () => {
    expect(JSON.stringify(collect())).toBe(JSON.stringify(small));
    expect(JSON.stringify(collect({ seed: 7 }))).not.toBe(JSON.stringify(small));
  });

  it('has the customers and collectors its sizes say: 100 small, 300 medium', () => {
    expect(all(small, 'customers')).toHaveLength(100);
    expect(all(medium, 'customers')).toHaveLength(300);
    expect(PROMPT_SIZES.medium.customers).toBe(300);
    for (const size of ['small', 'medium', 'large'] as const) {
      const team = demoCollectors(size, 'prompt').filter((c) => c.role === 'collector');
      expect(team).toHaveLength(PROMPT_SIZES[size].collectors);
    }
  });

  it('puts about seven customers in ten on 45-day terms, the rest on 30 or 60', () => {
    const terms = all(medium, 'customers').map((c) => c.termsDays);
    expect(new Set(terms)).toEqual(new Set([30, 45, 60]));
    const share45 = terms.filter((t) => t === 45).length / terms.length;
    expect(share45).toBeGreaterThan(0.6);
    expect(share45).toBeLessThan(0.8);
  });

  it('plants every behaviour, even in the small company', () => {
    for (const batches of [small, medium]) {
      const planted = new Set(batches.flatMap((b) => Object.keys(b.planted)));
      for (const what of PLANTED) expect(planted, what).toContain(what);
    }
    expect(all(small, 'customers').find((c) => c.code === 'ACME')?.name).toBe('Acme Corp');
  });

  it('keeps every balance exact, and a remittance equal to the invoices it pays', () => {
    const applied = new Map<number, number>();
    const paid = new Map<number, number>();
    for (const a of all(medium, 'applications')) {
      applied.set(a.invoiceId, (applied.get(a.invoiceId) ?? 0) + centsFromDecimal(a.amount));
      paid.set(a.paymentId, (paid.get(a.paymentId) ?? 0) + centsFromDecimal(a.amount));
    }
    for (const inv of all(medium, 'invoices')) {
      expect(centsFromDecimal(inv.openAmount)).toBe(
        centsFromDecimal(inv.amount) - (applied.get(inv.id) ?? 0),
      );
      expect(inv.status === 'paid').toBe(centsFromDecimal(inv.openAmount) === 0);
      expect(daysBetween(inv.issueDate, TODAY)).toBeGreaterThan(0);
    }
    const payments = all(medium, 'payments');
    for (const p of payments) {
      expect(centsFromDecimal(p.amount)).toBe(paid.get(p.id));
      expect(daysBetween(p.receivedOn, TODAY)).toBeGreaterThanOrEqual(0);
    }
    // Cheque runs: some payments cover several invoices.
    expect(all(medium, 'applications').length).toBeGreaterThan(payments.length);
  });

  it('has far fewer late payers than the default profile, and few broken promises', () => {
    const mixed = latePayerShare(collect({ profile: 'mixed' }));
    expect(latePayerShare(small)).toBeLessThan(mixed);
    expect(latePayerShare(medium)).toBeLessThan(0.1);
    expect(mixed).toBeGreaterThan(0.25);
    const broken = all(medium, 'promises').filter((p) => p.status === 'broken');
    expect(broken.length).toBeLessThanOrEqual(4);
  });
});
