// Builds AccountInputs for policy tests from a list of overdue invoices.
import { addDays } from '../../../../src/domain/calendar.ts';
import { type AccountInputs, emptyAccount } from '../../../../src/domain/policy/account-inputs.ts';
import { CURVE_BREAKS, segmentOf } from '../../../../src/domain/policy/collectability.ts';

export interface OverdueInvoice {
  cents: number;
  days: number;
}

export function overdueAccount(
  code: string,
  invoices: OverdueInvoice[],
  overrides: Partial<AccountInputs> = {},
  asOf = '2027-05-28',
): AccountInputs {
  const segments = Array.from({ length: CURVE_BREAKS.length + 1 }, () => ({ cents: 0, centsDays: 0 }));
  for (const inv of invoices) {
    const seg = segments[segmentOf(inv.days)]!;
    seg.cents += inv.cents;
    seg.centsDays += inv.cents * inv.days;
  }
  const overdueCents = invoices.reduce((sum, inv) => sum + inv.cents, 0);
  const oldest = invoices.reduce((max, inv) => Math.max(max, inv.days), 0);
  return emptyAccount(code, {
    openCents: overdueCents,
    overdueCents,
    overdueSegments: segments,
    oldestDueDate: invoices.length ? addDays(asOf, -oldest) : null,
    overdueInvoices: invoices.map((_, k) => `INV-${code}-${k + 1}`),
    open: invoices.map((inv, k) => ({ id: k + 1, dpd: inv.days, cents: inv.cents })),
    ...overrides,
  });
}
