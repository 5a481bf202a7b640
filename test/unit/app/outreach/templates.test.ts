import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTemplate } from '../../../../src/app/outreach/templates.ts';
import { callSummary } from '../../../../src/domain/outreach/call-summary.ts';
import { OUTREACH_KINDS } from '../../../../src/domain/outreach/message-kind.ts';
import { emailLocale, messageView } from '../../../../src/domain/outreach/message-view.ts';
import { checkTemplate, renderMessage } from '../../../../src/domain/outreach/render-message.ts';

const input = {
  customer: { code: 'ACME', name: 'Acme <Tools> & Sons' },
  contact: { name: 'Pat', email: 'pat@acme.test' },
  invoices: [
    {
      number: 'INV-1',
      issueDate: '2027-03-01',
      dueDate: '2027-03-31',
      openCents: 123_456,
      currency: 'USD',
      daysPastDue: 12,
      disputed: false,
    },
  ],
  totals: [{ currency: 'USD', cents: 123_456 }],
  company: 'Seller Inc.',
  paymentInstructions: 'Wire to IBAN XX00 1234',
  signature: { name: 'Dana Collector', email: 'dana@seller.test' },
  date: '2027-04-12',
  call: { date: '2027-04-12', summary: 'promised $1,234.56 by 2027-04-20' },
  promise: { amount: '$1,234.56', date: '2027-04-20' },
};
const view = messageView(input);

describe('built-in templates', () => {
  it.each(OUTREACH_KINDS)(
    '%s renders every part with the customer, invoices, total and signature',
    (kind) => {
      const r = renderMessage(loadTemplate({ defaultLanguage: 'en' }, kind, null), view);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.value.subject).toContain('Acme <Tools> & Sons');
      expect(r.value.text).toContain('INV-1');
      expect(r.value.text).toContain('$1,234.56');
      expect(r.value.text).toContain('Dana Collector');
      expect(r.value.html).toContain('Acme &lt;Tools&gt; &amp; Sons');
      expect(r.value.html).not.toContain('<Tools>');
    },
  );

  it('uses the customer language when a template exists, English otherwise', () => {
    const fr = renderMessage(loadTemplate({ defaultLanguage: 'en' }, 'reminder_1', 'fr'), view);
    expect(fr.ok && fr.value.text).toContain('Facture INV-1');
    const fallback = renderMessage(loadTemplate({ defaultLanguage: 'en' }, 'final_demand', 'fr'), view);
    expect(fallback.ok && fallback.value.subject).toContain('Final demand');
  });

  it('writes amounts the way the letter’s language does, or the company’s when it is the same language', () => {
    const french = loadTemplate({ defaultLanguage: 'en' }, 'reminder_1', 'fr');
    expect(french.language).toBe('fr');
    const locale = emailLocale(french.language, 'en-US');
    const r = renderMessage(french, messageView({ ...input, locale }));
    // French groups with a narrow no-break space and puts the currency after: 1 234,56 $US.
    expect(r.ok && r.value.text).toMatch(/1\u202f234,56\u00a0\$US/);
    expect(emailLocale('en', 'en-GB')).toBe('en-GB');
    expect(emailLocale('en', 'de-DE')).toBe('en-US');
    expect(emailLocale('de', 'de-AT')).toBe('de-AT');
    expect(emailLocale(undefined, 'de-DE')).toBe('de-DE');
  });

  it('writes dates the way the letter’s locale does', () => {
    const french = loadTemplate({ defaultLanguage: 'en' }, 'reminder_1', 'fr');
    const fr = renderMessage(french, messageView({ ...input, locale: 'fr' }));
    expect(fr.ok && fr.value.text).toContain('du 1 mars 2027');
    expect(fr.ok && fr.value.text).toContain('échéance 31 mars 2027');
    const english = renderMessage(
      loadTemplate({ defaultLanguage: 'en' }, 'promise_confirmation', null),
      view,
    );
    expect(english.ok && english.value.text).toContain('Thank you for your call on Apr 12, 2027');
    expect(english.ok && english.value.text).toContain('by Apr 20, 2027');
    expect(english.ok && english.value.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    const call = {
      outcome: 'promised',
      amountCents: 500_000,
      onDate: '2027-06-04',
      note: null,
      invoiceNumber: null,
    };
    expect(callSummary(call, 'EUR', 'de-DE')).toBe('you will pay 5.000,00\u00a0€ by 04.06.2027.');
    expect(callSummary(call)).toBe('you will pay $5,000.00 by Jun 4, 2027.');
  });
});

describe('company templates', () => {
  it('override the built-in file by file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'outreach-templates-'));
    mkdirSync(path.join(dir, 'en'));
    writeFileSync(path.join(dir, 'en', 'reminder_2.subject'), 'Pay up, {{customer.code}}');
    const r = renderMessage(
      loadTemplate({ customDir: dir, defaultLanguage: 'en' }, 'reminder_2', null),
      view,
    );
    expect(r.ok && r.value.subject).toBe('Pay up, ACME');
    expect(r.ok && r.value.text).toContain('INV-1');
  });

  it('refuses an unknown field, naming the file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'outreach-templates-'));
    mkdirSync(path.join(dir, 'en'));
    writeFileSync(path.join(dir, 'en', 'reminder_2.txt'), 'Hello {{custmer.name}}');
    expect(() => loadTemplate({ customDir: dir, defaultLanguage: 'en' }, 'reminder_2', null)).toThrow(
      /reminder_2\.txt: unknown field \{\{custmer\.name\}\}/,
    );
  });
});

describe('checkTemplate', () => {
  it.each([
    ['{{> header}}', /partials/],
    ['{{=<% %>=}}', /delimiters/],
    ['{{#invoices}}unclosed', /Unclosed section/],
  ])('refuses %s', (text, problem) => {
    const [first] = checkTemplate({ subject: '', text, html: '' });
    expect(first?.message).toMatch(problem);
  });

  it('keeps the subject on one line whatever the data holds', () => {
    const r = renderMessage(
      { subject: 'Hi {{customer.name}}', text: '', html: '' },
      {
        customer: { name: 'Evil\r\nBcc: x@y.test' },
      },
    );
    expect(r.ok && r.value.subject).toBe('Hi Evil Bcc: x@y.test');
  });
});
