import { describe, expect, it } from 'vitest';
import { sheetReply } from '../../../src/app/commands/sheet-reply.ts';
import type { CallSheet } from '../../../src/app/sheet-model.ts';

const sheet: CallSheet = {
  asOf: '2027-05-28',
  collector: { id: 1, code: 'ava', name: 'Ava Diaz', timeZone: 'America/New_York', dailyCapacity: 30 },
  rows: [
    {
      rank: 1,
      customer: { id: 1, code: 'ACME', name: 'Acme Corp' },
      expectedLateCents: 21_000_00,
      lateProbability: 0.5,
      score: 91,
      overdueCents: 1_250_000,
      openCents: 2_000_000,
      oldestDaysPastDue: 47,
      invoiceNumbers: ['INV-1043'],
      action: {
        step: 'reminder_2',
        label: 'Reminder call #2, then a written summary',
        channel: 'call',
        escalated: true,
      },
      contact: { name: 'Jane Roe', role: 'ap', phone: '+1 555 0100', email: null, preferredChannel: 'phone' },
      reasons: ['Broke a $5,000 promise on 20 May'],
      trend: [1, 2, 3],
      pinned: false,
      reserved: false,
      lentFrom: null,
      balances: [],
    },
  ],
  display: { base: 'USD', locale: 'en-US' },
  refused: [],
  summary: { calls: 1, overdueCents: 1_250_000, overdueByCurrency: [], escalations: 1, promisesDueToday: 0 },
};

describe('the calls reply', () => {
  it('lists each call with what to do, why and whom to call', () => {
    const reply = sheetReply(sheet);
    expect(reply.title).toBe("Ava Diaz's calls for Fri 28 May 2027: 1, $12,500.00 overdue");
    expect(reply.table?.rows).toEqual([
      [
        '1',
        'Acme Corp (ACME)',
        '$12,500.00',
        'Reminder call #2, then a written summary (escalated)',
        'Broke a $5,000 promise on 20 May',
        'Jane Roe +1 555 0100',
      ],
    ]);
    expect(reply.actions).toEqual([
      { kind: 'command', label: 'No answer: ACME', command: 'logcall ACME no answer' },
    ]);
  });

  it('says so when there is nothing to call', () => {
    expect(sheetReply({ ...sheet, rows: [] }).title).toBe('No calls for you on Fri 28 May 2027, Ava Diaz.');
  });
});
