// View-model builders with fixed defaults for the Slack view tests.
import type { AlertView } from '../../../../src/app/alert-model.ts';
import type { CallSheet, ManagerSummary, SheetRow } from '../../../../src/app/sheet-model.ts';
import { agencyQueue } from '../../../fixtures/agency-queue.ts';

export function sheetRow(rank: number, overrides: Partial<SheetRow> = {}): SheetRow {
  return {
    rank,
    customer: { id: rank, code: `C${String(rank).padStart(3, '0')}`, name: `Customer ${rank} Ltd` },
    expectedLateCents: (100 - rank) * 1_000_00,
    lateProbability: 0.42,
    score: 100 - rank,
    overdueCents: 1_234_500 + rank,
    openCents: 2_000_000,
    oldestDaysPastDue: 40 + rank,
    invoiceNumbers: [`INV-${rank}01`, `INV-${rank}02`],
    action: {
      step: 'reminder_1',
      label: 'Reminder call #1, then a written summary',
      channel: 'call',
      escalated: false,
    },
    contact: {
      name: 'Pat Payables',
      role: 'ap',
      phone: '+1 555 0100',
      email: 'ap@example.com',
      preferredChannel: 'phone',
    },
    reasons: [
      '$12,345 overdue, oldest 41 days',
      'Pays 18 days later than terms',
      'Broke a promise on 12 May',
    ],
    trend: [100, 200, 350, 500, 800],
    pinned: false,
    reserved: false,
    lentFrom: null,
    balances: [],
    ...overrides,
  };
}

export function callSheet(rows: number, overrides: Partial<CallSheet> = {}): CallSheet {
  return {
    asOf: '2027-05-28',
    collector: { id: 1, code: 'jane', name: 'Jane Doe', timeZone: 'America/New_York', dailyCapacity: 30 },
    rows: Array.from({ length: rows }, (_, i) => sheetRow(i + 1)),
    display: { base: 'USD', locale: 'en-US' },
    refused: [],
    summary: {
      calls: rows,
      overdueCents: 4_500_000,
      overdueByCurrency: [{ currency: 'USD', cents: 4_500_000 }],
      escalations: 2,
      promisesDueToday: 1,
    },
    ...overrides,
  };
}

export function managerSummary(): ManagerSummary {
  return {
    asOf: '2027-05-28',
    lateDays: 30,
    coverage: {
      overdueCents: 10_000_000,
      coveredCents: 8_100_000,
      expectedLateCents: 40_000_00,
      coveredExpectedLateCents: 31_000_00,
    },
    agency: agencyQueue,
    capacity: { calls: 64, capacity: 60, overCapacityCustomers: 4 },
    collectors: [
      {
        code: 'jane',
        name: 'Jane Doe',
        calls: 30,
        overdueCents: 5_000_000,
        overdueByCurrency: [],
        escalations: 3,
      },
      {
        code: 'li',
        name: 'Li <Wei>',
        calls: 34,
        overdueCents: 3_100_000,
        overdueByCurrency: [],
        escalations: 1,
      },
    ],
    escalationsDue: 4,
    automatedCustomers: 118,
    notes: ['DSO 47 days (−3 vs April)'],
    display: { base: 'USD', locale: 'en-US' },
  };
}

export function alertView(overrides: Partial<AlertView> = {}): AlertView {
  return {
    id: 17,
    kind: 'new_customer_large_order',
    severity: 'critical',
    status: 'open',
    customer: { code: 'NEWCO', name: 'NewCo & Sons' },
    title: 'Large first order from a new customer: $84,000.00',
    message: 'First order 12 days ago; this order is 6.0× a typical first order ($14,000.00).',
    suggestedAction: 'Call before invoicing: confirm it is legitimate and will be paid',
    numbers: { amount: '84000.00', typical: '14000.00' },
    sparkline: '▁▁▂▇',
    acknowledgedBy: null,
    snoozedUntil: null,
    ...overrides,
  };
}
