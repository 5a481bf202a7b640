import { describe, expect, it } from 'vitest';
import type { AutomatedRow, CallSheet } from '../../../src/app/sheet-model.ts';
import { csvField, mailMergeCsv } from '../../../src/views/console/mail-merge-csv.ts';
import { sheetText } from '../../../src/views/console/sheet-text.ts';

const sheet: CallSheet = {
  asOf: '2027-05-28',
  collector: { id: 1, code: 'ava', name: 'Ava Diaz', timeZone: 'America/New_York', dailyCapacity: 30 },
  display: { base: 'USD', locale: 'en-US' },
  refused: [],
  summary: { calls: 1, overdueCents: 4_820_000, overdueByCurrency: [], escalations: 1, promisesDueToday: 0 },
  rows: [
    {
      rank: 1,
      customer: { id: 1, code: 'ACME', name: 'Acme\u001b[31m Corp' },
      expectedLateCents: 31_000_00,
      lateProbability: 0.72,
      score: 88.5,
      overdueCents: 4_820_000,
      openCents: 5_000_000,
      oldestDaysPastDue: 52,
      invoiceNumbers: ['INV-1', 'INV-2'],
      action: { step: 'supervisor_escalation', label: 'Escalation now', channel: 'call', escalated: true },
      contact: {
        name: 'Jane Roe',
        role: 'manager',
        phone: '+1 555 0100',
        email: null,
        preferredChannel: 'phone',
      },
      reasons: ['$48,200 overdue, oldest 52 days past due', '2 broken promises since March'],
      trend: [30, 32, 35, 41, 48],
      pinned: false,
      reserved: false,
      lentFrom: null,
      balances: [],
    },
  ],
};

describe('the console sheet', () => {
  it('shows rank, customer, overdue, age, action, whom to call, reasons and a sparkline', () => {
    expect(sheetText(sheet)).toMatchInlineSnapshot(`
      "Ava Diaz (ava) — calls for May 28 2027: 1 call of 30, $48,200 overdue, 1 escalation, 0 promises due today
        #  customer                                 overdue   age  action
        1  ACME Acme [31m Corp                         $48k   52d  Escalation now
             Jane Roe (MANAGER) +1 555 0100, prefers phone   days-to-pay ▁▂▃▅▇ 48d
             · $48,200 overdue, oldest 52 days past due
             · 2 broken promises since March
      "
    `);
  });

  it('strips control characters from names so stored text cannot drive the terminal', () => {
    expect(sheetText(sheet)).not.toContain('\u001b');
  });
});

describe('the mail-merge CSV', () => {
  it.each([
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['+1 555', "'+1 555"],
  ])('quotes %j as %j', (value, quoted) => {
    expect(csvField(value)).toBe(quoted);
  });

  it('writes one CRLF-terminated record per account, money as a decimal', () => {
    const row: AutomatedRow = {
      customer: { id: 2, code: 'BETA', name: 'Beta, Inc' },
      overdueCents: 123_456,
      openCents: 123_456,
      oldestDaysPastDue: 12,
      invoiceNumbers: ['INV-9', 'INV-10'],
      action: {
        step: 'reminder_1',
        label: 'Reminder letter/e-mail #1',
        channel: 'automated',
        escalated: false,
      },
      contact: {
        name: 'Al Poe',
        role: 'ap',
        phone: null,
        email: 'al@beta.example',
        preferredChannel: 'email',
      },
      collectorCode: null,
      overCapacity: false,
    };
    expect(mailMergeCsv([row]).split('\r\n')[1]).toBe(
      'BETA,"Beta, Inc",Al Poe,ap,al@beta.example,reminder_1,Reminder letter/e-mail #1,1234.56,12,INV-9 INV-10,,no',
    );
  });
});
