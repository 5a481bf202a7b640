import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../../src/app/reply.ts';
import { alertMessage } from '../../../../src/views/slack/alert-blocks.ts';
import { escapeMrkdwn } from '../../../../src/views/slack/mrkdwn.ts';
import { OUTCOME_MODAL_CALLBACK, outcomeModal } from '../../../../src/views/slack/outcome-modal.ts';
import { replyBlocks, UNDO_ACTION } from '../../../../src/views/slack/reply-blocks.ts';
import { ROW_ACTIONS, rowRef, sheetMessages } from '../../../../src/views/slack/sheet-blocks.ts';
import { summaryMessage } from '../../../../src/views/slack/summary-blocks.ts';
import { messageViolations, modalViolations } from '../../../e2e/slack/block-kit-limits.ts';
import { alertView, callSheet, managerSummary, sheetRow } from './fixtures.ts';

const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as Record<string, unknown>;
const allText = (v: unknown) => JSON.stringify(v);
/** Every `text` string Slack renders (button values are data, never shown). */
const renderedText = (v: unknown): string => {
  const out: string[] = [];
  const walk = (x: unknown) => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      for (const [k, val] of Object.entries(x)) {
        if (k === 'text' && typeof val === 'string') out.push(val);
        else walk(val);
      }
    }
  };
  walk(v);
  return out.join('\n');
};

describe('escapeMrkdwn', () => {
  it.each([
    ['<!channel> hi', '&lt;!channel&gt; hi'],
    ['<https://evil.example|click>', '&lt;https://evil.example|click&gt;'],
    ['Smith & Sons', 'Smith &amp; Sons'],
    ['*bold* _it_ ~s~ `c`', '*\u200Bbold*\u200B _\u200Bit_\u200B ~\u200Bs~\u200B `\u200Bc`\u200B'],
  ])('escapes %j', (input, expected) => {
    expect(escapeMrkdwn(input)).toBe(expected);
  });

  it('escapes once: an already-escaped entity is escaped again, not left half-escaped', () => {
    expect(escapeMrkdwn('&amp;')).toBe('&amp;amp;');
  });
});

describe('replyBlocks', () => {
  const reply: Reply = {
    tone: 'ok',
    title: 'Recorded: ACME <Corp> promised $5,000.00 by Fri 30 May',
    lines: ['Promise #12 is open; it is checked against payments on 1 Jun.'],
    facts: [
      { label: 'Overdue', value: '$12,345.00' },
      { label: 'Contact', value: 'Pat *AP*' },
    ],
    actions: [
      { kind: 'undo', label: 'Undo', token: 'u:42' },
      { kind: 'command', label: 'ACME Corp', command: 'logcall ACME promised 5/30', style: 'primary' },
    ],
    private: true,
  };

  it('renders title, lines, facts and buttons', () => {
    expect(json(replyBlocks(reply))).toMatchSnapshot();
  });

  it('carries the undo token in the Undo button', () => {
    const actions = replyBlocks(reply).blocks.find((b) => b.type === 'actions');
    expect(actions).toMatchObject({ elements: [{ action_id: UNDO_ACTION, value: 'u:42' }, {}] });
  });

  it('escapes data in every text', () => {
    const text = renderedText(replyBlocks(reply));
    expect(text).toContain('ACME &lt;Corp&gt;');
    expect(text).not.toContain('<Corp>');
  });

  it('splits a long table into code blocks under the text limit', () => {
    const rows = Array.from({ length: 400 }, (_, i) => [`CUST-${i}`, `Customer number ${i}`, '$1,000.00']);
    const message = replyBlocks({
      tone: 'info',
      title: 'Promises',
      table: { columns: ['code', 'name', 'amount'], rows },
      private: true,
    });
    expect(message.blocks.length).toBeGreaterThan(2);
    expect(messageViolations(json(message))).toEqual([]);
  });
});

describe('sheetMessages', () => {
  it('renders a short sheet as one message', () => {
    const messages = sheetMessages(callSheet(2));
    expect(messages).toHaveLength(1);
    expect(json(messages[0])).toMatchSnapshot();
  });

  it('says so when there is nothing to call', () => {
    const [message] = sheetMessages(callSheet(0));
    expect(message!.text).toMatch(/nothing to call today/);
  });

  it.each([24, 30, 75, 200])(
    'splits %i rows within Block Kit limits, every row once, with "show more"',
    (n) => {
      const messages = sheetMessages(callSheet(n));
      for (const m of messages) expect(messageViolations(json(m))).toEqual([]);
      const ranks = messages.flatMap((m) =>
        m.blocks.filter((b) => b.type === 'actions').map((b) => (b.block_id ?? '').replace('row:', '')),
      );
      expect(ranks).toEqual(callSheet(n).rows.map((r) => r.customer.code));
      for (const m of messages.slice(0, -1)) expect(allText(m)).toMatch(/Show more/);
      expect(allText(messages.at(-1))).not.toMatch(/Show more/);
    },
  );

  it('keeps hostile customer names from pinging, linking or formatting', () => {
    const row = sheetRow(1, {
      customer: { id: 1, code: 'EVIL', name: '<!channel> *Evil* <https://x.example|pay here>' },
    });
    const text = renderedText(sheetMessages(callSheet(0, { rows: [row] })));
    expect(text).not.toMatch(/<!channel>|<https:/);
    expect(text).toContain('&lt;!channel&gt;');
  });

  it('keeps every text within limits even with very long reasons', () => {
    const row = sheetRow(1, {
      reasons: ['x'.repeat(5000), 'y'.repeat(5000)],
      customer: { id: 1, code: 'L', name: 'n'.repeat(500) },
    });
    for (const m of sheetMessages(callSheet(0, { rows: [row] })))
      expect(messageViolations(json(m))).toEqual([]);
  });

  it('gives each row Promised…, Dispute…, No answer and Note… buttons carrying the row', () => {
    const [message] = sheetMessages(callSheet(1));
    const actions = message!.blocks.find((b) => b.type === 'actions') as {
      elements: { action_id: string; value: string }[];
    };
    expect(actions.elements.map((e) => e.action_id)).toEqual(Object.values(ROW_ACTIONS));
    expect(JSON.parse(actions.elements[0]!.value)).toEqual(rowRef(sheetRow(1), '2027-05-28'));
  });
});

describe('summaryMessage', () => {
  it('renders coverage, capacity and one field per collector', () => {
    const message = summaryMessage(managerSummary());
    expect(messageViolations(json(message))).toEqual([]);
    // The agency queue is named with its largest accounts, customer names escaped.
    expect(JSON.stringify(json(message))).toContain('*Agency queue:* 2 accounts');
    expect(JSON.stringify(json(message))).toContain('OLDCO Old &amp; Co &lt;Ltd&gt;');
    expect(json(message)).toMatchSnapshot();
  });
});

describe('alertMessage', () => {
  it('shows Acknowledge and Snooze 7 days while open', () => {
    const message = alertMessage(alertView());
    expect(messageViolations(json(message))).toEqual([]);
    expect(json(message)).toMatchSnapshot();
  });

  it.each([
    [{ status: 'acknowledged' as const, acknowledgedBy: 'Morgan Reyes' }, /Acknowledged by Morgan Reyes/],
    [{ status: 'snoozed' as const, snoozedUntil: '2027-06-04T00:00:00.000Z' }, /Snoozed until 2027-06-04/],
  ])('replaces the buttons once handled (%j)', (overrides, expected) => {
    const message = alertMessage(alertView(overrides));
    expect(message.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(allText(message)).toMatch(expected);
  });
});

describe('outcomeModal', () => {
  const ref = rowRef(sheetRow(3), '2027-05-28');

  it('prefills a promise with the overdue amount and a date a week out', () => {
    const view = outcomeModal('promised', ref, 'D0JANE');
    expect(view.callback_id).toBe(OUTCOME_MODAL_CALLBACK);
    expect(modalViolations(json(view))).toEqual([]);
    expect(json(view)).toMatchSnapshot();
  });

  it.each(['dispute', 'note'] as const)('builds a valid %s modal', (kind) => {
    const view = outcomeModal(kind, ref);
    expect(modalViolations(json(view))).toEqual([]);
    expect(JSON.parse(view.private_metadata ?? '{}')).toMatchObject({ kind, customerCode: ref.c });
  });

  it('prefills a euro account’s promise in euros and shows its money as the row does', () => {
    const euro = sheetRow(4, {
      overdueCents: 1_364_000,
      balances: [{ currency: 'EUR', openCents: 1_240_000, overdueCents: 1_240_000 }],
    });
    const eurRef = rowRef(euro, '2027-05-28', { base: 'USD', locale: 'en-US' });
    expect(eurRef).toMatchObject({ o: 1_240_000, u: 'EUR', t: '€12,400.00 (= $13,640.00)' });
    const text = allText(outcomeModal('promised', eurRef));
    expect(text).toContain('€12,400.00 (= $13,640.00) overdue');
    expect(text).toContain('Amount promised (EUR)');
    expect(JSON.stringify(outcomeModal('promised', eurRef))).toContain('"initial_value":"12400.00"');
  });

  it('offers the row’s invoices in a dispute', () => {
    expect(allText(outcomeModal('dispute', ref))).toContain('INV-301');
  });
});
