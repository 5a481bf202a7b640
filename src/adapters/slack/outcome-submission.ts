// A submitted outcome modal → the /logcall text a collector would have typed, so the modal goes
// through the same command core (same grammar, same checks, same reply).
import {
  INPUT_ACTION,
  OUTCOME_FIELDS,
  type OutcomeKind,
  type OutcomeMetadata,
} from '../../views/slack/outcome-modal.ts';

type StateValues = Record<
  string,
  Record<
    string,
    { value?: string | null; selected_date?: string | null; selected_option?: { value?: string } | null }
  >
>;

export type SubmissionText =
  | { ok: true; metadata: OutcomeMetadata; text: string }
  | { ok: false; errors: Record<string, string> };

const KINDS: OutcomeKind[] = ['promised', 'dispute', 'note'];

export function parseMetadata(raw: string | undefined): OutcomeMetadata | null {
  try {
    const m = JSON.parse(raw ?? '') as Partial<OutcomeMetadata>;
    if (!m || typeof m.customerCode !== 'string' || !KINDS.includes(m.kind as OutcomeKind)) return null;
    return {
      kind: m.kind as OutcomeKind,
      customerCode: m.customerCode,
      customerName: String(m.customerName ?? m.customerCode),
      ...(typeof m.channelId === 'string' ? { channelId: m.channelId } : {}),
    };
  } catch {
    return null;
  }
}

/** Quotes a customer code that has spaces or quotes, so the grammar reads it as one reference. */
const customerRef = (code: string) => (/[\s"]/.test(code) ? `"${code.replace(/"/g, '')}"` : code);

export function submissionText(metadataRaw: string | undefined, values: StateValues): SubmissionText {
  const metadata = parseMetadata(metadataRaw);
  if (!metadata)
    return {
      ok: false,
      errors: {
        [OUTCOME_FIELDS.note]: 'This form is out of date: close it and press the button on the sheet again.',
      },
    };
  const field = (block: string) => values[block]?.[INPUT_ACTION];
  const note = (field(OUTCOME_FIELDS.note)?.value ?? '').replace(/\s+/g, ' ').trim();
  const who = customerRef(metadata.customerCode);
  if (metadata.kind === 'promised') {
    const amount = (field(OUTCOME_FIELDS.amount)?.value ?? '').trim();
    const date = field(OUTCOME_FIELDS.date)?.selected_date ?? '';
    const errors: Record<string, string> = {};
    if (!/^\$?\d[\d,]*(\.\d{1,2})?$/.test(amount))
      errors[OUTCOME_FIELDS.amount] = 'Enter an amount like 5000 or 5,000.00';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
      errors[OUTCOME_FIELDS.date] = 'Pick the date they promised to pay by';
    if (Object.keys(errors).length) return { ok: false, errors };
    return {
      ok: true,
      metadata,
      text: `${who} promised ${amount.replace(/[$,]/g, '')} by ${date}${note ? ` ${note}` : ''}`,
    };
  }
  if (metadata.kind === 'dispute') {
    const invoice =
      field(OUTCOME_FIELDS.invoice)?.selected_option?.value ?? field(OUTCOME_FIELDS.invoice)?.value ?? '';
    if (!note) return { ok: false, errors: { [OUTCOME_FIELDS.note]: 'Say what the customer disputes' } };
    return {
      ok: true,
      metadata,
      text: `${who} disputed ${invoice.trim() ? `${invoice.trim()} ` : ''}${note}`,
    };
  }
  if (!note) return { ok: false, errors: { [OUTCOME_FIELDS.note]: 'Write the note' } };
  return { ok: true, metadata, text: `${who} note ${note}` };
}
