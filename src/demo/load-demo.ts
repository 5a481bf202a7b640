// Loads the demo company into the configured store in one transaction. Loading the same
// profile, size, seed and day again changes nothing; a different one replaces the previous demo.
// A database that holds real (imported) data is never touched.
import type { IsoDate } from '../domain/calendar.ts';
import { UserError } from '../shared/errors.ts';
import { bulkInsert, type Column, resetSequences } from '../store/bulk-insert.ts';
import { LEDGER_TABLES } from '../store/ledger-tables.ts';
import type { Store } from '../store/open-store.ts';
import type { SqlConn } from '../store/sql.ts';
import { demoBatches, demoCollectors } from './company.ts';
import type {
  ApplicationRow,
  CollectorRow,
  ContactRow,
  CustomerRow,
  DemoBatch,
  DemoOptions,
  DemoProfile,
  DisputeRow,
  InteractionRow,
  InvoiceRow,
  OrderRow,
  PaymentRow,
  Planted,
  PromiseRow,
} from './rows.ts';

export const DEMO_SETTING = 'demo';
const SOURCE = 'demo';

export interface DemoMarker {
  size: DemoOptions['size'];
  seed: number;
  today: IsoDate;
  /** A marker written before there were profiles has none: it was the default, `mixed`. */
  profile: DemoProfile;
  planted: Partial<Record<Planted, string[]>>;
  loadedAt: string;
}

export interface DemoLoadResult {
  status: 'loaded' | 'unchanged' | 'replaced';
  counts: Record<string, number>;
  marker: DemoMarker;
}

/** Tables in load order; TRUNCATE uses the reverse. */
export const DEMO_TABLES = [...LEDGER_TABLES, 'interactions', 'promises', 'disputes'] as const;
const OTHER_TABLES = [
  'payment_plans',
  'credit_holds',
  'alerts',
  'job_runs',
  'channel_bindings',
  'audit_events',
];

const col = <R>(name: string, type: string, value: (row: R) => unknown): Column<R> => ({ name, type, value });
const sourced = <R extends object>(): Column<R>[] => [
  col<R>('actor', 'text', (r) => ('actor' in r ? r.actor : 'system')),
  col<R>('source', 'text', () => SOURCE),
];

const COLLECTOR_COLUMNS: Column<CollectorRow>[] = [
  col('id', 'int', (r) => r.id),
  col('code', 'text', (r) => r.code),
  col('name', 'text', (r) => r.name),
  col('email', 'text', (r) => r.email),
  col('time_zone', 'text', (r) => r.timeZone),
  col('daily_capacity', 'int', (r) => r.dailyCapacity),
  col('role', '"CollectorRole"', (r) => r.role),
  ...sourced<CollectorRow>(),
];
const CUSTOMER_COLUMNS: Column<CustomerRow>[] = [
  col('id', 'int', (r) => r.id),
  col('code', 'text', (r) => r.code),
  col('name', 'text', (r) => r.name),
  col('industry', 'text', (r) => r.industry),
  col('region', 'text', (r) => r.region),
  col('risk_rating', 'int', (r) => r.riskRating),
  col('established_on', 'date', (r) => r.establishedOn),
  col('first_order_on', 'date', (r) => r.firstOrderOn),
  col('credit_limit', 'numeric', (r) => r.creditLimit),
  col('terms_days', 'int', (r) => r.termsDays),
  col('margin_pct', 'numeric', (r) => r.marginPct),
  col('expected_days_to_pay', 'int', (r) => r.expectedDaysToPay),
  col('notes', 'text', (r) => r.notes),
  col('collector_id', 'int', (r) => r.collectorId),
  ...sourced<CustomerRow>(),
];
const CONTACT_COLUMNS: Column<ContactRow>[] = [
  col('id', 'int', (r) => r.id),
  col('customer_id', 'int', (r) => r.customerId),
  col('name', 'text', (r) => r.name),
  col('role', '"ContactRole"', (r) => r.role),
  col('email', 'text', (r) => r.email),
  col('phone', 'text', (r) => r.phone),
  col('preferred_channel', '"ContactChannel"', (r) => r.preferredChannel),
  col('primary', 'boolean', (r) => r.primary),
  ...sourced<ContactRow>(),
];
const ORDER_COLUMNS: Column<OrderRow>[] = [
  col('id', 'int', (r) => r.id),
  col('number', 'text', (r) => r.number),
  col('customer_id', 'int', (r) => r.customerId),
  col('order_date', 'date', (r) => r.orderDate),
  col('amount', 'numeric', (r) => r.amount),
  col('margin_pct', 'numeric', (r) => r.marginPct),
  col('status', '"OrderStatus"', (r) => r.status),
  ...sourced<OrderRow>(),
];
const INVOICE_COLUMNS: Column<InvoiceRow>[] = [
  col('id', 'int', (r) => r.id),
  col('number', 'text', (r) => r.number),
  col('customer_id', 'int', (r) => r.customerId),
  col('order_id', 'int', (r) => r.orderId),
  col('issue_date', 'date', (r) => r.issueDate),
  col('due_date', 'date', (r) => r.dueDate),
  col('delivery_date', 'date', (r) => r.deliveryDate),
  col('amount', 'numeric', (r) => r.amount),
  col('open_amount', 'numeric', (r) => r.openAmount),
  col('status', '"InvoiceStatus"', (r) => r.status),
  col('paid_on', 'date', (r) => r.paidOn),
  col('disputed', 'boolean', (r) => r.disputed),
  ...sourced<InvoiceRow>(),
];
const PAYMENT_COLUMNS: Column<PaymentRow>[] = [
  col('id', 'int', (r) => r.id),
  col('reference', 'text', (r) => r.reference),
  col('customer_id', 'int', (r) => r.customerId),
  col('received_on', 'date', (r) => r.receivedOn),
  col('amount', 'numeric', (r) => r.amount),
  ...sourced<PaymentRow>(),
];
const APPLICATION_COLUMNS: Column<ApplicationRow>[] = [
  col('id', 'int', (r) => r.id),
  col('payment_id', 'int', (r) => r.paymentId),
  col('invoice_id', 'int', (r) => r.invoiceId),
  col('amount', 'numeric', (r) => r.amount),
];
const INTERACTION_COLUMNS: Column<InteractionRow>[] = [
  col('id', 'int', (r) => r.id),
  col('customer_id', 'int', (r) => r.customerId),
  col('collector_id', 'int', (r) => r.collectorId),
  col('occurred_at', 'timestamptz', (r) => r.occurredAt),
  col('outcome', '"Outcome"', (r) => r.outcome),
  col('note', 'text', (r) => r.note),
  col('amount', 'numeric', (r) => r.amount),
  col('on_date', 'date', (r) => r.onDate),
  col('invoice_id', 'int', (r) => r.invoiceId),
  ...sourced<InteractionRow>(),
];
const PROMISE_COLUMNS: Column<PromiseRow>[] = [
  col('id', 'int', (r) => r.id),
  col('customer_id', 'int', (r) => r.customerId),
  col('collector_id', 'int', (r) => r.collectorId),
  col('interaction_id', 'int', (r) => r.interactionId),
  col('amount', 'numeric', (r) => r.amount),
  col('due_on', 'date', (r) => r.dueOn),
  col('status', '"PromiseStatus"', (r) => r.status),
  col('covered_amount', 'numeric', (r) => r.coveredAmount),
  ...sourced<PromiseRow>(),
];
const DISPUTE_COLUMNS: Column<DisputeRow>[] = [
  col('id', 'int', (r) => r.id),
  col('customer_id', 'int', (r) => r.customerId),
  col('invoice_id', 'int', (r) => r.invoiceId),
  col('interaction_id', 'int', (r) => r.interactionId),
  col('reason', 'text', (r) => r.reason),
  col('opened_at', 'timestamptz', (r) => r.openedAt),
  ...sourced<DisputeRow>(),
];

async function insertBatch(tx: SqlConn, b: DemoBatch): Promise<void> {
  await bulkInsert(tx, 'customers', CUSTOMER_COLUMNS, b.customers);
  await bulkInsert(tx, 'contacts', CONTACT_COLUMNS, b.contacts);
  await bulkInsert(tx, 'orders', ORDER_COLUMNS, b.orders);
  await bulkInsert(tx, 'invoices', INVOICE_COLUMNS, b.invoices);
  await bulkInsert(tx, 'payments', PAYMENT_COLUMNS, b.payments);
  await bulkInsert(tx, 'payment_applications', APPLICATION_COLUMNS, b.applications);
  await bulkInsert(tx, 'interactions', INTERACTION_COLUMNS, b.interactions);
  await bulkInsert(tx, 'promises', PROMISE_COLUMNS, b.promises);
  await bulkInsert(tx, 'disputes', DISPUTE_COLUMNS, b.disputes);
}

export async function readDemoMarker(conn: SqlConn): Promise<DemoMarker | null> {
  const [row] = await conn.query<{ value: DemoMarker }>('SELECT value FROM settings WHERE key = $1', [
    DEMO_SETTING,
  ]);
  return row ? { ...row.value, profile: row.value.profile ?? 'mixed' } : null;
}

export async function countRows(conn: SqlConn): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of DEMO_TABLES) {
    const [row] = await conn.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`);
    counts[table] = row?.n ?? 0;
  }
  return counts;
}

export async function loadDemo(
  store: Store,
  options: DemoOptions,
  progress: (line: string) => void = () => {},
): Promise<DemoLoadResult> {
  return store.sql.transaction(async (tx) => {
    const existing = await readDemoMarker(tx);
    const profile = options.profile ?? 'mixed';
    if (
      existing &&
      existing.profile === profile &&
      existing.size === options.size &&
      existing.seed === options.seed &&
      existing.today === options.today
    ) {
      return { status: 'unchanged' as const, counts: await countRows(tx), marker: existing };
    }
    if (!existing) {
      const [row] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM customers');
      if ((row?.n ?? 0) > 0) {
        throw new UserError(
          `the database at ${store.location} already holds customers that are not demo data, so the demo will not load there. ` +
            'Use an empty database: set CALLSHEET_DATA_DIR to a new folder, or DATABASE_URL to an empty database.',
        );
      }
    } else {
      progress(
        `replacing the ${existing.size} ${existing.profile} demo of ${existing.today} (seed ${existing.seed})`,
      );
      const all = [...DEMO_TABLES, ...OTHER_TABLES].map((t) => `"${t}"`).join(', ');
      await tx.exec(`TRUNCATE ${all} RESTART IDENTITY CASCADE`);
    }
    // The generator's rows are consistent by construction, so the embedded database may skip
    // per-row foreign-key triggers (most of the load time); only a superuser may, which PGlite is.
    if (store.backend === 'pglite') await tx.query('SET LOCAL session_replication_role = replica');
    await bulkInsert(tx, 'collectors', COLLECTOR_COLUMNS, demoCollectors(options.size, profile));
    const planted: Partial<Record<Planted, string[]>> = {};
    let customers = 0;
    for (const batch of demoBatches(options)) {
      await insertBatch(tx, batch);
      for (const [what, codes] of Object.entries(batch.planted) as [Planted, string[]][]) {
        planted[what] = [...(planted[what] ?? []), ...codes];
      }
      customers += batch.customers.length;
      progress(`${customers} customers loaded`);
    }
    await resetSequences(tx, DEMO_TABLES);
    // Fresh planner statistics: PGlite has no autovacuum, and without them the engine's plans
    // can be orders of magnitude off on the loaded volumes.
    await tx.exec(`ANALYZE ${DEMO_TABLES.map((t) => `"${t}"`).join(', ')}`);
    const { size, seed, today } = options;
    const marker: DemoMarker = { size, seed, today, profile, planted, loadedAt: new Date().toISOString() };
    await tx.query(
      `INSERT INTO settings (key, value, actor, source, updated_at) VALUES ($1, $2::jsonb, 'system', $3, now())
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [DEMO_SETTING, JSON.stringify(marker), SOURCE],
    );
    return {
      status: existing ? ('replaced' as const) : ('loaded' as const),
      counts: await countRows(tx),
      marker,
    };
  });
}
