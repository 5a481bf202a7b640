// What each importable entity looks like in a file: its canonical columns (DESIGN.md "Import
// formats"), their kinds, which are required, the natural key, and the references to check.

export const ENTITIES = [
  'fx_rates',
  'collectors',
  'customers',
  'contacts',
  'orders',
  'invoices',
  'payments',
] as const;
export type Entity = (typeof ENTITIES)[number];

export type FieldKind =
  | 'text'
  | 'code'
  | 'email'
  | 'money'
  | 'percent'
  | 'date'
  | 'int'
  | 'bool'
  | 'currency'
  /** An exchange rate: a positive exact decimal with up to 10 places, kept as text. */
  | 'rate'
  | 'zone'
  /** A 1–5 risk rating, as a number or a grade (ParseOptions.riskScale). */
  | 'rating'
  | { oneOf: readonly string[]; aliases?: Record<string, string> };

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  required?: boolean;
  /** Inclusive bounds for ints. */
  min?: number;
  max?: number;
  /** Dates: a bare year (`1985`, `85`) means January 1 of it — ERPs keep founding years so. */
  bareYear?: boolean;
}

export interface Reference {
  /** Column in the file holding the code. */
  column: string;
  table: string;
  key: string;
  /** What to call it in messages: 'customer', 'invoice'… */
  noun: string;
  hint: string;
}

export interface EntitySpec {
  entity: Entity;
  table: string;
  fields: readonly FieldSpec[];
  /** The natural key: columns of the file that identify a record. */
  key: readonly string[];
  references: readonly Reference[];
}

const customerRef: Reference = {
  column: 'customer',
  table: 'customers',
  key: 'code',
  noun: 'customer',
  hint: 'import it in customers first, or fix the code',
};

const ROLE = {
  oneOf: ['ap', 'manager', 'controller', 'cfo', 'other'],
  aliases: { 'accounts payable': 'ap' },
};

export const SPECS: Record<Entity, EntitySpec> = {
  fx_rates: {
    entity: 'fx_rates',
    table: 'fx_rates',
    key: ['currency', 'date'],
    references: [],
    fields: [
      { name: 'date', kind: 'date', required: true },
      { name: 'currency', kind: 'currency', required: true },
      { name: 'rate', kind: 'rate', required: true },
    ],
  },
  collectors: {
    entity: 'collectors',
    table: 'collectors',
    key: ['code'],
    references: [],
    fields: [
      { name: 'code', kind: 'code', required: true },
      { name: 'name', kind: 'text', required: true },
      { name: 'email', kind: 'email' },
      { name: 'slack_user_id', kind: 'code' },
      { name: 'teams_user_id', kind: 'code' },
      { name: 'time_zone', kind: 'zone' },
      { name: 'daily_capacity', kind: 'int', min: 0, max: 1000 },
      { name: 'role', kind: { oneOf: ['collector', 'manager'] } },
    ],
  },
  customers: {
    entity: 'customers',
    table: 'customers',
    key: ['code'],
    references: [
      {
        column: 'collector',
        table: 'collectors',
        key: 'code',
        noun: 'collector',
        hint: 'import it in collectors first, or fix the code',
      },
    ],
    fields: [
      { name: 'code', kind: 'code', required: true },
      { name: 'name', kind: 'text', required: true },
      { name: 'industry', kind: 'text' },
      { name: 'region', kind: 'text' },
      { name: 'risk_rating', kind: 'rating' },
      { name: 'established_on', kind: 'date', bareYear: true },
      { name: 'first_order_on', kind: 'date' },
      { name: 'credit_limit', kind: 'money' },
      { name: 'terms_days', kind: 'int', min: 0, max: 3650 },
      { name: 'margin_pct', kind: 'percent' },
      { name: 'expected_days_to_pay', kind: 'int', min: 0, max: 3650 },
      { name: 'collector', kind: 'code' },
      { name: 'notes', kind: 'text' },
    ],
  },
  contacts: {
    entity: 'contacts',
    table: 'contacts',
    key: ['customer', 'name'],
    references: [customerRef],
    fields: [
      { name: 'customer', kind: 'code', required: true },
      { name: 'name', kind: 'text', required: true },
      { name: 'role', kind: ROLE },
      { name: 'email', kind: 'email' },
      { name: 'phone', kind: 'text' },
      { name: 'preferred_channel', kind: { oneOf: ['phone', 'email', 'sms'] } },
      { name: 'primary', kind: 'bool' },
    ],
  },
  orders: {
    entity: 'orders',
    table: 'orders',
    key: ['number'],
    references: [customerRef],
    fields: [
      { name: 'number', kind: 'code', required: true },
      { name: 'customer', kind: 'code', required: true },
      { name: 'date', kind: 'date', required: true },
      { name: 'amount', kind: 'money', required: true },
      { name: 'margin_pct', kind: 'percent' },
      { name: 'currency', kind: 'currency' },
    ],
  },
  invoices: {
    entity: 'invoices',
    table: 'invoices',
    key: ['number'],
    references: [customerRef],
    fields: [
      { name: 'number', kind: 'code', required: true },
      { name: 'customer', kind: 'code', required: true },
      { name: 'issue_date', kind: 'date', required: true },
      { name: 'due_date', kind: 'date' },
      { name: 'delivery_date', kind: 'date' },
      { name: 'amount', kind: 'money', required: true },
      { name: 'open_amount', kind: 'money' },
      { name: 'currency', kind: 'currency' },
      { name: 'disputed', kind: 'bool' },
    ],
  },
  payments: {
    entity: 'payments',
    table: 'payments',
    key: ['reference'],
    references: [
      customerRef,
      {
        column: 'invoice',
        table: 'invoices',
        key: 'number',
        noun: 'invoice',
        hint: 'import it in invoices first, or leave invoice empty to apply the payment to the oldest open invoices',
      },
    ],
    fields: [
      { name: 'reference', kind: 'code', required: true },
      { name: 'customer', kind: 'code', required: true },
      { name: 'date', kind: 'date', required: true },
      { name: 'amount', kind: 'money', required: true },
      { name: 'invoice', kind: 'code' },
      { name: 'currency', kind: 'currency' },
    ],
  },
};

/** Postgres type of a field in the staging table. */
export function stageType(kind: FieldKind): string {
  if (typeof kind === 'object') return 'text';
  return (
    {
      money: 'numeric(14,2)',
      percent: 'numeric(5,2)',
      rate: 'numeric(20,10)',
      date: 'date',
      int: 'int',
      rating: 'int',
      bool: 'boolean',
    }[kind as string] ?? 'text'
  );
}

/** 'invoices-2027.csv.gz' → invoices; 'Customer Export.csv' → customers; otherwise null. */
export function entityFromFileName(fileName: string): Entity | null {
  const base = fileName.toLowerCase().replace(/[^a-z]/g, '');
  return (
    ENTITIES.find((e) => {
      const name = e.replace(/[^a-z]/g, '');
      return base.startsWith(name) || base.startsWith(name.slice(0, -1));
    }) ?? null
  );
}
