import { describe, expect, it } from 'vitest';
import { CARD_BYTE_LIMIT, cardBytes, esc } from '../../../../src/views/teams/adaptive-card.ts';
import { alertCard, alertRollupCard } from '../../../../src/views/teams/alert-card.ts';
import { logFormCard } from '../../../../src/views/teams/log-form-card.ts';
import { replyCard } from '../../../../src/views/teams/reply-card.ts';
import { sheetCards } from '../../../../src/views/teams/sheet-cards.ts';
import { summaryCard } from '../../../../src/views/teams/summary-card.ts';
import {
  alertView,
  callSheet,
  HOSTILE,
  recordedReply,
  sheetRow,
  summary,
} from '../../../fixtures/teams/view-models.ts';

/** Every string in a card, wherever it sits. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('esc', () => {
  it.each([
    ['**bold** _it_', '\\*\\*bold\\*\\* \\_it\\_'],
    ['[x](http://e)', '\\[x\\](http://e)'],
    ['<b>hi</b>', '\\<b\\>hi\\</b\\>'],
    ['{{DATE(2027-01-01T00:00:00Z)}}', '\\{\\{DATE(2027-01-01T00:00:00Z)\\}\\}'],
    ['# heading\n- item\n1. first', '\\# heading\n\\- item\n1\\. first'],
    ['$5,000.50 on 5/30 – fine', '$5,000.50 on 5/30 – fine'],
  ])('makes %j literal', (input, expected) => {
    expect(esc(input)).toBe(expected);
  });
});

describe('Teams cards', () => {
  it('renders a reply with its facts and an Undo button', () => {
    expect(replyCard(recordedReply)).toMatchSnapshot();
  });

  it('escapes user text once, wherever it appears', () => {
    const texts = strings(replyCard(recordedReply)).join('\n');
    expect(texts).toContain('\\*\\*Bold\\*\\* \\<script\\>');
    expect(texts).not.toContain('\\\\*'); // not escaped twice
    expect(texts).not.toMatch(/(^|[^\\])<script>/);
  });

  it('renders a sheet row with the reasons, the contact and the row buttons', () => {
    const [only] = sheetCards(
      callSheet([
        sheetRow(1),
        sheetRow(2, {
          pinned: true,
          action: {
            step: 'supervisor_escalation',
            label: 'Escalation: supervisor calls',
            channel: 'call',
            escalated: true,
          },
        }),
      ]),
    );
    expect(only).toMatchSnapshot();
  });

  it('says so when there is nothing to call', () => {
    const cards = sheetCards(callSheet([]));
    expect(cards).toHaveLength(1);
    expect(JSON.stringify(cards[0])).toContain('Nothing to call today');
  });

  it('splits a long sheet into numbered cards under the size limit, keeping every row in order', () => {
    const rows = Array.from({ length: 150 }, (_, i) =>
      sheetRow(i + 1, { reasons: [HOSTILE.repeat(3), 'x'.repeat(300), 'Disputed INV-1 pricing'] }),
    );
    const cards = sheetCards(callSheet(rows));
    expect(cards.length).toBeGreaterThan(1);
    for (const c of cards) expect(cardBytes(c)).toBeLessThanOrEqual(CARD_BYTE_LIMIT);
    expect(JSON.stringify(cards[0])).toContain(`(1/${cards.length})`);
    const ranks = cards.flatMap((c) =>
      [...JSON.stringify(c).matchAll(/"customer":"(C\d{3})","name"/g)].map((m) => m[1]),
    );
    expect(ranks).toEqual(rows.map((r) => r.customer.code));
  });

  it('renders the log form prefilled from the row, amount as a decimal string', () => {
    const form = logFormCard({
      customer: 'ACME',
      name: 'ACME Corp',
      overdueCents: 1_234_550,
      currency: 'USD',
      overdue: '$12,345.50',
      invoices: ['INV-1043'],
      today: '2027-05-28',
    });
    expect(form).toMatchSnapshot();
    expect(JSON.stringify(form)).toContain('"value":"12345.50"');
  });

  it('shows a mixed-currency row’s money per currency and asks for the promise in the base', () => {
    const row = sheetRow(1, {
      overdueCents: 160_000,
      balances: [
        { currency: 'USD', openCents: 50_000, overdueCents: 50_000 },
        { currency: 'EUR', openCents: 100_000, overdueCents: 100_000 },
      ],
    });
    const text = JSON.stringify(sheetCards(callSheet([row])));
    expect(text).toContain('"overdue":"$500.00 + €1,000.00 (= $1,600.00)"');
    expect(text).toContain('"currency":"USD"');
    const euro = sheetRow(2, {
      overdueCents: 1_364_000,
      balances: [{ currency: 'EUR', openCents: 1_240_000, overdueCents: 1_240_000 }],
    });
    const data = JSON.stringify(sheetCards(callSheet([euro])));
    expect(data).toContain('"overdueCents":1240000');
    expect(data).toContain('"currency":"EUR"');
    const form = JSON.stringify(
      logFormCard({
        customer: 'EURO',
        name: 'Euro Werkzeug GmbH',
        overdueCents: 1_240_000,
        currency: 'EUR',
        overdue: '€12,400.00 (= $13,640.00)',
        invoices: [],
        today: '2027-05-28',
      }),
    );
    expect(form).toContain('€12,400.00 (= $13,640.00) overdue');
    expect(form).toContain('Amount (promised or paid, EUR)');
    expect(form).toContain('"value":"12400.00"');
  });

  it('renders an open alert with Acknowledge (Action.Execute, Action.Submit fallback)', () => {
    const c = alertCard(alertView);
    expect(c).toMatchSnapshot();
    // The numbers read in the message, as on Slack; raw cents are for the JSON output only.
    const raw = JSON.stringify(alertCard({ ...alertView, numbers: { limitCents: 9_000_000 } }));
    expect(raw).not.toMatch(/cents|9000000/i);
    expect(c.actions?.[0]).toMatchObject({
      type: 'Action.Execute',
      verb: 'cs.ack',
      fallback: { type: 'Action.Submit' },
    });
  });

  it('renders an acknowledged alert without buttons, saying who acknowledged it', () => {
    const c = alertCard({ ...alertView, status: 'acknowledged', acknowledgedBy: 'morgan' });
    expect(c.actions).toBeUndefined();
    expect(JSON.stringify(c)).toContain('Acknowledged by morgan');
  });

  it('counts the alerts of a scan not posted one by one in one card, with a fallback text', () => {
    const c = alertRollupCard({
      scannedAt: '2027-05-28T13:00:00.000Z',
      kinds: [{ kind: 'credit_limit', count: 1200 }],
      total: 1200,
    });
    expect(c.actions).toBeUndefined();
    expect(c.fallbackText).toMatch(/^…and 1,200 more new alerts from this scan/);
    const german = alertRollupCard({
      scannedAt: '2027-05-28T13:00:00.000Z',
      kinds: [{ kind: 'credit_limit', count: 1200 }],
      total: 1200,
      locale: 'de-DE',
    });
    expect(german.fallbackText).toMatch(
      /^…and 1\.200 more new alerts from this scan, not posted one by one: 1\.200 /,
    );
    expect(JSON.stringify(c.body)).toContain('1,200 credit limit');
  });

  it('renders the manager summary', () => {
    expect(JSON.stringify(summaryCard(summary))).toContain('Agency queue');
    expect(summaryCard(summary)).toMatchSnapshot();
  });

  it('cuts a reply table that would not fit, saying how many rows are missing', () => {
    const rows = Array.from({ length: 2000 }, (_, i) => [
      `C${i}`,
      'Customer with a long name',
      '$1,000.00',
      '2027-06-01',
    ]);
    const c = replyCard({
      tone: 'info',
      title: 'Open promises',
      table: { columns: ['Code', 'Name', 'Amount', 'Due'], rows },
      private: true,
    });
    expect(cardBytes(c)).toBeLessThanOrEqual(CARD_BYTE_LIMIT);
    expect(JSON.stringify(c)).toMatch(/…and \d+ more not shown here\./);
  });
});
