// A message's subject, text and HTML parts from a company-editable template. Mustache is
// logic-less (no code runs from a template; the view is plain data, no functions), and strict here:
// a template naming a field we do not provide, or a partial, is refused when it is loaded, so a typo
// is an error and never an empty gap in a letter to a customer. Only the HTML part is HTML-escaped.
import Mustache from 'mustache';
import { fail, ok, type Result } from '../result.ts';

export interface MessageTemplate {
  subject: string;
  text: string;
  html: string;
  /** The language the text part is written in (its folder: en, fr…), when known. */
  language?: string;
}

/** The fields a template may name (dotted from the top; the invoice fields inside {{#invoices}}). */
export const TEMPLATE_FIELDS: readonly string[] = [
  'customer.name',
  'customer.code',
  'contact.name',
  'contact.email',
  'invoices',
  'number',
  'issueDate',
  'dueDate',
  'amount',
  'daysPastDue',
  'total',
  'paymentInstructions',
  'company',
  'signature.name',
  'signature.email',
  'call.date',
  'call.summary',
  'promise.amount',
  'promise.date',
  'date',
];

const KNOWN = new Set(TEMPLATE_FIELDS);
// Every prefix of a dotted field is also a valid section ({{#signature}}…{{/signature}}).
for (const f of TEMPLATE_FIELDS) {
  const parts = f.split('.');
  for (let k = 1; k < parts.length; k++) KNOWN.add(parts.slice(0, k).join('.'));
}

export interface TemplateProblem {
  part: keyof MessageTemplate;
  message: string;
}

type Token = [string, string, number, number, Token[]?];

function checkTokens(tokens: readonly Token[], part: keyof MessageTemplate, out: TemplateProblem[]): void {
  for (const [type, name, , , children] of tokens) {
    if (type === '>') out.push({ part, message: `partials ({{> ${name}}}) are not supported` });
    else if (type === '=') out.push({ part, message: 'changing the delimiters is not supported' });
    else if (
      (type === 'name' || type === '&' || type === '#' || type === '^') &&
      name !== '.' &&
      !KNOWN.has(name)
    )
      out.push({ part, message: `unknown field {{${name}}} (fields: ${TEMPLATE_FIELDS.join(', ')})` });
    if (children) checkTokens(children, part, out);
  }
}

/** The template's problems, none when every part parses and names only known fields. */
export function checkTemplate(t: MessageTemplate): TemplateProblem[] {
  const out: TemplateProblem[] = [];
  for (const part of ['subject', 'text', 'html'] as const) {
    try {
      checkTokens(Mustache.parse(t[part]) as Token[], part, out);
    } catch (err) {
      out.push({ part, message: err instanceof Error ? err.message : String(err) });
    }
  }
  return out;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** Values only: strings, numbers, booleans, arrays and objects of them — never a function. */
export type TemplateValue =
  | string
  | number
  | boolean
  | null
  | TemplateValue[]
  | { [key: string]: TemplateValue };

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

export function renderMessage(
  t: MessageTemplate,
  view: { [key: string]: TemplateValue },
): Result<RenderedMessage, TemplateProblem[]> {
  const problems = checkTemplate(t);
  if (problems.length) return fail(problems);
  const plain = { escape: (s: unknown) => String(s) };
  return ok({
    // A subject is one line: whatever the data holds, no header can be injected through it.
    subject: Mustache.render(t.subject, view, {}, plain).replace(/\s+/g, ' ').trim(),
    text: Mustache.render(t.text, view, {}, plain),
    html: Mustache.render(t.html, view, {}, { escape: (s: unknown) => escapeHtml(String(s)) }),
  });
}
