import { describe, expect, it } from 'vitest';
import { submissionText } from '../../../../src/adapters/slack/outcome-submission.ts';
import { mentionedChannel, replaceMentions, typedText } from '../../../../src/adapters/slack/slack-text.ts';

const meta = (kind: string, code = 'ACME') =>
  JSON.stringify({ kind, customerCode: code, customerName: 'Acme', channelId: 'D1' });
const v = (value: string) => ({ value: { value } });

describe('submissionText', () => {
  it('turns a promise into the /logcall text a collector would type', () => {
    const result = submissionText(meta('promised'), {
      amount: v('$5,000.50'),
      date: { value: { selected_date: '2027-06-04' } },
      note: v('  will pay\n by wire '),
    });
    expect(result).toEqual({
      ok: true,
      metadata: { kind: 'promised', customerCode: 'ACME', customerName: 'Acme', channelId: 'D1' },
      text: 'ACME promised 5000.50 by 2027-06-04 will pay by wire',
    });
  });

  it.each([
    [{ amount: v('five'), date: { value: { selected_date: '2027-06-04' } } }, 'amount'],
    [{ amount: v('100'), date: { value: { selected_date: null } } }, 'date'],
  ])('points at the field to fix (%j)', (values, field) => {
    const result = submissionText(meta('promised'), values);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors)).toEqual([field]);
  });

  it('records a dispute with the chosen invoice and the reason', () => {
    const result = submissionText(meta('dispute'), {
      invoice: { value: { selected_option: { value: 'INV-7' } } },
      note: v('wrong quantity'),
    });
    expect(result).toMatchObject({ ok: true, text: 'ACME disputed INV-7 wrong quantity' });
  });

  it('quotes a customer code with spaces', () => {
    expect(submissionText(meta('note', 'BIG CO'), { note: v('called') })).toMatchObject({
      text: '"BIG CO" note called',
    });
  });

  it('asks for a note when it is empty', () => {
    expect(submissionText(meta('note'), { note: v('   ') })).toMatchObject({
      ok: false,
      errors: { note: 'Write the note' },
    });
  });

  it('refuses forged or stale metadata without throwing', () => {
    for (const raw of ['', 'not json', '{"kind":"delete","customerCode":"X"}', 'null']) {
      expect(submissionText(raw, {}).ok).toBe(false);
    }
  });
});

describe('Slack references in command text', () => {
  it('finds escaped users and channels', () => {
    expect(mentionedChannel('bind alerts <#C0AL|alerts> ava')).toEqual({
      channel: { id: 'C0AL', name: 'alerts' },
      rest: 'bind alerts ava',
    });
    expect(mentionedChannel('bind alerts')).toEqual({ channel: null, rest: 'bind alerts' });
  });

  it('replaces mentions with collector codes', async () => {
    const text = await replaceMentions('assign ACME <@U1|jane> <@U2|bob>', async (id, shown) =>
      id === 'U1' ? 'jane' : (shown ?? id),
    );
    expect(text).toBe('assign ACME jane bob');
  });

  it('turns escaped command text back into what was typed', () => {
    expect(typedText('AT&amp;T promised 5/30 note &lt;urgent&gt; &amp;lt;')).toBe(
      'AT&T promised 5/30 note <urgent> &lt;',
    );
    expect(
      typedText('ACME note see <https://erp.example/inv/1|INV-1> or <mailto:ap@acme.test|ap@acme.test>'),
    ).toBe('ACME note see INV-1 or ap@acme.test');
    expect(typedText('ACME note <https://erp.example/x>')).toBe('ACME note https://erp.example/x');
  });
});
