import { describe, expect, it } from 'vitest';
import { kindForStep } from '../../../../src/domain/outreach/message-kind.ts';
import { pickRecipient } from '../../../../src/domain/outreach/pick-recipient.ts';
import {
  decideOutreach,
  type OutreachCandidate,
  type OutreachInvoice,
  planOutreach,
} from '../../../../src/domain/outreach/plan-outreach.ts';

const asOf = '2027-05-28';
const rules = { ladder: { reminder1: 5, reminder2: 15, escalation: 25, finalDemand: 35 }, preDueDays: 10 };

function invoice(number: string, daysPastDue: number, extra: Partial<OutreachInvoice> = {}): OutreachInvoice {
  return {
    number,
    issueDate: '2027-03-01',
    dueDate: '2027-04-01',
    openCents: 10_000,
    currency: 'USD',
    daysPastDue,
    disputed: false,
    ...extra,
  };
}

function candidate(extra: Partial<OutreachCandidate> = {}): OutreachCandidate {
  return {
    customerId: 1,
    code: 'ACME',
    name: 'Acme Corp',
    language: null,
    optedOut: false,
    step: 'reminder_1',
    brokenPromises: 0,
    escalated: false,
    pendingPromiseOn: null,
    creditHold: false,
    calledToday: false,
    contacts: [
      { name: 'Pat AP', role: 'ap', email: 'pat@acme.test', preferredChannel: 'email', primary: true },
      {
        name: 'Max Boss',
        role: 'manager',
        email: 'max@acme.test',
        preferredChannel: 'phone',
        primary: false,
      },
    ],
    invoices: [invoice('INV-1', 8), invoice('INV-2', 12, { openCents: 5_050 })],
    ...extra,
  };
}

describe('decideOutreach', () => {
  it('writes one message to the AP contact listing every overdue invoice, oldest first, with the total', () => {
    const d = decideOutreach(candidate(), asOf, rules);
    expect(d.outcome).toBe('send');
    if (d.outcome !== 'send') return;
    expect(d.message.kind).toBe('reminder_1');
    expect(d.message.to.email).toBe('pat@acme.test');
    expect(d.message.invoices.map((i) => i.number)).toEqual(['INV-2', 'INV-1']);
    expect(d.message.totals).toEqual([{ currency: 'USD', cents: 15_050 }]);
  });

  it('writes to the manager from the escalation step on', () => {
    const d = decideOutreach(candidate({ step: 'reminder_3' }), asOf, rules);
    expect(d.outcome === 'send' && d.message.to.email).toBe('max@acme.test');
  });

  it.each([
    [{ optedOut: true }, 'opted_out'],
    [{ pendingPromiseOn: '2027-06-02' }, 'promise_pending'],
    [{ pendingPromiseOn: asOf }, 'promise_pending'],
    [{ creditHold: true }, 'credit_hold'],
    [{ calledToday: true }, 'called_today'],
  ] as const)('holds the message back when %o', (extra, reason) => {
    const d = decideOutreach(candidate(extra), asOf, rules);
    expect(d).toMatchObject({ outcome: 'held', reason });
  });

  it('sends again once the promise date has passed', () => {
    expect(decideOutreach(candidate({ pendingPromiseOn: '2027-05-27' }), asOf, rules).outcome).toBe('send');
  });

  it('sends a customer with a broken promise back to the callers', () => {
    const d = decideOutreach(candidate({ escalated: true, brokenPromises: 1 }), asOf, rules);
    expect(d).toMatchObject({ outcome: 'manual', reason: 'broken_promise' });
  });

  it('lists a customer without an e-mail address for a person instead of skipping it', () => {
    const contacts = [
      { name: 'Pat', role: 'ap', email: null, preferredChannel: 'phone' as const, primary: true },
    ];
    expect(decideOutreach(candidate({ contacts }), asOf, rules)).toMatchObject({
      outcome: 'manual',
      reason: 'no_email',
    });
    expect(decideOutreach(candidate({ contacts: [] }), asOf, rules)).toMatchObject({ reason: 'no_email' });
  });

  it('leaves disputed invoices out, and writes about the others at their own age step', () => {
    const invoices = [invoice('INV-1', 40, { disputed: true }), invoice('INV-2', 16)];
    const d = decideOutreach(candidate({ step: 'dispute_follow_up', invoices }), asOf, rules);
    expect(d.outcome === 'send' && d.message.kind).toBe('reminder_2');
    expect(d.outcome === 'send' && d.message.invoices.map((i) => i.number)).toEqual(['INV-2']);
  });

  it('holds a customer whose every overdue invoice is disputed', () => {
    const invoices = [invoice('INV-1', 40, { disputed: true })];
    expect(decideOutreach(candidate({ step: 'dispute_follow_up', invoices }), asOf, rules)).toMatchObject({
      outcome: 'held',
      reason: 'all_disputed',
    });
  });

  it('lists only invoices due soon in a pre-due reminder', () => {
    const invoices = [invoice('SOON', -4), invoice('LATER', -30)];
    const d = decideOutreach(candidate({ step: 'pre_due_reminder', invoices }), asOf, rules);
    expect(d.outcome === 'send' && d.message.invoices.map((i) => i.number)).toEqual(['SOON']);
  });

  it('totals each currency apart', () => {
    const invoices = [invoice('A', 8), invoice('B', 9, { currency: 'EUR', openCents: 700 })];
    const d = decideOutreach(candidate({ invoices }), asOf, rules);
    expect(d.outcome === 'send' && d.message.totals).toEqual([
      { currency: 'EUR', cents: 700 },
      { currency: 'USD', cents: 10_000 },
    ]);
  });
});

describe('planOutreach', () => {
  it('decides once per customer', () => {
    const plan = planOutreach(
      [candidate(), candidate(), candidate({ customerId: 2, optedOut: true })],
      asOf,
      rules,
    );
    expect(plan.messages).toHaveLength(1);
    expect(plan.held).toHaveLength(1);
  });
});

describe('kindForStep', () => {
  it.each([
    ['past_due_check', 'past_due_notice'],
    ['supervisor_escalation', 'reminder_3'],
    ['final_demand', 'final_demand'],
    ['agency_referral', null],
    ['callback', null],
  ] as const)('%s → %s', (step, kind) => expect(kindForStep(step)).toBe(kind));
});

describe('pickRecipient', () => {
  it('prefers, within the wanted role, the contact who prefers e-mail', () => {
    const contacts = [
      { name: 'Phone AP', role: 'ap', email: 'a@x.test', preferredChannel: 'phone' as const, primary: true },
      { name: 'Mail AP', role: 'ap', email: 'b@x.test', preferredChannel: 'email' as const, primary: false },
    ];
    expect(pickRecipient(contacts, 'ap')?.name).toBe('Mail AP');
  });

  it('ignores malformed addresses', () => {
    const contacts = [
      { name: 'X', role: 'ap', email: 'not an address', preferredChannel: 'email' as const, primary: true },
    ];
    expect(pickRecipient(contacts, 'ap')).toBeNull();
  });
});
