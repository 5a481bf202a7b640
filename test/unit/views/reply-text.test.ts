import { describe, expect, it } from 'vitest';
import { renderReplyText, safeText } from '../../../src/views/console/reply-text.ts';

describe('console reply text', () => {
  it('renders title, lines, facts, table and actions', () => {
    const text = renderReplyText(
      {
        tone: 'ok',
        title: 'Recorded: Acme Corp (ACME) promised $5,000.00 by Sun 30 May 2027',
        lines: ['Acme Corp is Hiro’s account; logged as a covering call.'],
        facts: [
          { label: 'Customer', value: 'Acme Corp (ACME)' },
          { label: 'Note', value: 'spoke to Jane' },
        ],
        table: { columns: ['#', 'Due'], rows: [['1', 'Tue 1 Jun 2027']] },
        actions: [
          { kind: 'undo', label: 'Undo', token: '42' },
          { kind: 'command', label: 'Acme Industrial (ACMI)', command: 'logcall ACMI vm' },
        ],
        private: true,
      },
      { numberActions: true },
    );
    expect(text).toMatchInlineSnapshot(`
      "✔ Recorded: Acme Corp (ACME) promised $5,000.00 by Sun 30 May 2027
        Customer  Acme Corp (ACME)
        Note      spoke to Jane
        #  Due
        ─  ──────────────
        1  Tue 1 Jun 2027
        Acme Corp is Hiro’s account; logged as a covering call.
        (type \`undo\` to undo this)
        [1] Acme Industrial (ACMI): logcall ACMI vm
      "
    `);
  });

  it('shows terminal control characters instead of obeying them', () => {
    expect(safeText('\u001b[2Jgone\rback\u0007')).toBe('␛[2Jgone␍back␇');
    expect(safeText("<b>x</b> '; DROP TABLE x; -- line\nnext\tcol")).toBe(
      "<b>x</b> '; DROP TABLE x; -- line\nnext\tcol",
    );
  });
});
