// The tables an ERP import writes, in dependency order (each refers only to those before it).
export const LEDGER_TABLES = [
  'collectors',
  'customers',
  'contacts',
  'orders',
  'invoices',
  'payments',
  'payment_applications',
] as const;
