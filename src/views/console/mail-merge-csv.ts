// The automated tier as a mail-merge queue (RFC 4180 CSV: CRLF, fields quoted when they hold a
// comma, quote or line break). Text cells that a spreadsheet would run as a formula (=, +, -, @)
// get a leading apostrophe: customer names come from outside and are data.
import type { AutomatedRow } from '../../app/sheet-model.ts';
import { csvField } from '../../domain/csv-line.ts';
import { decimalFromCents } from '../../domain/money.ts';

const HEADER = [
  'customer_code',
  'customer_name',
  'contact_name',
  'contact_role',
  'contact_email',
  'treatment_step',
  'action',
  'amount',
  'oldest_days_past_due',
  'invoice_numbers',
  'collector',
  'over_capacity',
];

// The one CSV field writer (quoting, and the apostrophe that keeps formulas from running).
export { csvField };

export function mailMergeCsv(rows: readonly AutomatedRow[]): string {
  const lines = [HEADER.join(',')];
  for (const r of rows) {
    const text = [
      r.customer.code,
      r.customer.name,
      r.contact?.name ?? '',
      r.contact?.role ?? '',
      r.contact?.email ?? '',
      r.action.step,
      r.action.label,
    ].map((v) => csvField(v));
    lines.push(
      [
        ...text,
        decimalFromCents(r.overdueCents),
        String(r.oldestDaysPastDue),
        csvField(r.invoiceNumbers.join(' ')),
        csvField(r.collectorCode ?? ''),
        r.overCapacity ? 'yes' : 'no',
      ].join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
