// Set-based upserts from the staging table into the account tables, by natural key. A row is
// updated only when one of its values really differs (IS DISTINCT FROM), so re-importing a file
// touches nothing; columns absent from the file keep their stored values.
import type { SqlConn } from '../store/sql.ts';
import type { Entity } from './entities.ts';
import { withoutSecondaryIndexes } from './secondary-indexes.ts';
import { ROW_NO } from './stage-table.ts';

interface TargetColumn {
  name: string;
  /** Value for a new row, from the staging row `s` and the joined rows. */
  insert: string;
  /** Value for an existing row `t` (default: the staged value, excluded.name). */
  update?: string;
  /** File columns this one comes from: it is updated only when one of them is in the file. */
  needs?: readonly string[];
  /** Part of the key: never updated. */
  key?: boolean;
  /** Follows from other columns, so it is not compared. */
  derived?: boolean;
}

interface UpsertPlan {
  table: string;
  conflict: readonly string[];
  joins: string;
  /** What only the update reads: more joins, and the columns they bring (`expr AS name`). */
  forUpdate?: { joins: string; columns: string[] };
  columns: TargetColumn[];
  hasUpdatedAt: boolean;
}

const CUSTOMER = 'JOIN customers c ON c.code = s.customer';

function plan(entity: Entity, present: ReadonlySet<string>): UpsertPlan {
  const plain = (name: string, from = name): TargetColumn => ({ name, insert: `s."${from}"`, needs: [from] });
  const withDefault = (name: string, fallback: string): TargetColumn => ({
    name,
    insert: `coalesce(s."${name}", ${fallback})`,
    needs: [name],
  });
  const customerId: TargetColumn = { name: 'customer_id', insert: 'c.id', needs: ['customer'] };
  // Amounts without a currency column are in the company's base currency (USD unless set).
  const baseCurrency = `coalesce((SELECT value->>'baseCurrency' FROM settings WHERE key = 'company'), 'USD')`;
  switch (entity) {
    case 'fx_rates':
      return {
        table: 'fx_rates',
        conflict: ['currency', 'date'],
        joins: '',
        hasUpdatedAt: true,
        columns: [{ ...plain('currency'), key: true }, { ...plain('date'), key: true }, plain('rate')],
      };
    case 'collectors':
      return {
        table: 'collectors',
        conflict: ['code'],
        joins: '',
        hasUpdatedAt: true,
        columns: [
          { ...plain('code'), key: true },
          plain('name'),
          plain('email'),
          plain('slack_user_id'),
          plain('teams_user_id'),
          withDefault('time_zone', `'UTC'`),
          withDefault('daily_capacity', '25'),
          { name: 'role', insert: `coalesce(s.role, 'collector')::"CollectorRole"`, needs: ['role'] },
        ],
      };
    case 'customers':
      return {
        table: 'customers',
        conflict: ['code'],
        joins: 'LEFT JOIN collectors col ON col.code = s.collector',
        hasUpdatedAt: true,
        columns: [
          { ...plain('code'), key: true },
          ...[
            'name',
            'industry',
            'region',
            'risk_rating',
            'established_on',
            'first_order_on',
            'credit_limit',
          ].map((n) => plain(n)),
          withDefault('terms_days', '30'),
          plain('margin_pct'),
          plain('expected_days_to_pay'),
          { name: 'collector_id', insert: 'col.id', needs: ['collector'] },
          plain('notes'),
        ],
      };
    case 'contacts':
      return {
        table: 'contacts',
        conflict: ['customer_id', 'name'],
        joins: CUSTOMER,
        hasUpdatedAt: true,
        columns: [
          { ...customerId, key: true },
          { ...plain('name'), key: true },
          { name: 'role', insert: `coalesce(s.role, 'other')::"ContactRole"`, needs: ['role'] },
          plain('email'),
          plain('phone'),
          {
            name: 'preferred_channel',
            insert: `coalesce(s.preferred_channel, 'phone')::"ContactChannel"`,
            needs: ['preferred_channel'],
          },
          withDefault('primary', 'false'),
        ],
      };
    case 'orders':
      return {
        table: 'orders',
        conflict: ['number'],
        joins: CUSTOMER,
        hasUpdatedAt: true,
        columns: [
          { ...plain('number'), key: true },
          customerId,
          plain('order_date', 'date'),
          plain('amount'),
          plain('margin_pct'),
          withDefault('currency', baseCurrency),
        ],
      };
    case 'invoices': {
      // An invoice with payments recorded here owes its amount less those payments; otherwise the
      // file's open balance stands (the ERP knows payments we were never given), or, without that
      // column, the open amount moves by the change in the invoice amount.
      const fallback = present.has('open_amount')
        ? 'excluded.open_amount'
        : 't.open_amount + excluded.amount - t.amount';
      // The payments applied to each invoice, summed once and hash-joined: a subquery per
      // compared row would probe payment_applications a million times on a re-import.
      const open = `coalesce(excluded.amount - excluded.applied, ${fallback})`;
      return {
        table: 'invoices',
        conflict: ['number'],
        joins: CUSTOMER,
        forUpdate: {
          joins: `LEFT JOIN (SELECT i.number, sum(a.amount) AS amount FROM payment_applications a
                               JOIN invoices i ON i.id = a.invoice_id GROUP BY i.number) paid
                    ON paid.number = s.number`,
          columns: ['paid.amount AS applied'],
        },
        hasUpdatedAt: true,
        columns: [
          { ...plain('number'), key: true },
          customerId,
          plain('issue_date'),
          {
            name: 'due_date',
            insert: 'coalesce(s.due_date, s.issue_date + c.terms_days)',
            needs: ['due_date'],
          },
          plain('delivery_date'),
          plain('amount'),
          { name: 'open_amount', insert: 'coalesce(s.open_amount, s.amount)', update: open, needs: [] },
          withDefault('currency', baseCurrency),
          {
            name: 'status',
            insert: `CASE WHEN coalesce(s.open_amount, s.amount) = 0 THEN 'paid' ELSE 'open' END::"InvoiceStatus"`,
            update: `CASE WHEN t.status = 'void' THEN t.status WHEN ${open} = 0 THEN 'paid' ELSE 'open' END::"InvoiceStatus"`,
            needs: [],
            derived: true,
          },
          {
            name: 'paid_on',
            insert: 'NULL::date',
            update: `CASE WHEN ${open} = 0 THEN t.paid_on END`,
            needs: [],
            derived: true,
          },
          withDefault('disputed', 'false'),
        ],
      };
    }
    case 'payments':
      return {
        table: 'payments',
        conflict: ['reference'],
        joins: CUSTOMER,
        hasUpdatedAt: false,
        columns: [
          { ...plain('reference'), key: true },
          customerId,
          plain('received_on', 'date'),
          plain('amount'),
          withDefault('currency', baseCurrency),
        ],
      };
  }
}

export interface UpsertCounts {
  inserted: number;
  updated: number;
}

/**
 * Upserts every staged row: one UPDATE of the rows whose values differ, then one plain INSERT of
 * the rows not there yet, in file order (ids follow the file whatever plan the join takes) —
 * cheaper than INSERT … ON CONFLICT for a million rows, and safe because imports hold an advisory
 * lock (see importFiles). `present` lists the file's columns;
 * `changedInto` names a temporary table (id int) that receives the ids of inserted and updated rows;
 * from `bulkRows` staged rows (more than the table holds) indexes are rebuilt after the insert.
 */
export async function upsertStaged(
  conn: SqlConn,
  entity: Entity,
  stage: string,
  present: ReadonlySet<string>,
  actor: string,
  options: { changedInto?: string | undefined; bulkRows?: number | undefined } = {},
): Promise<UpsertCounts> {
  const changedInto = options.changedInto;
  const p = plan(entity, present);
  const names = p.columns.map((c) => `"${c.name}"`);
  // The staged rows as the target would store them; named `excluded` so that update expressions
  // read like an ON CONFLICT clause.
  const source = (forUpdate: boolean) => {
    const extra = forUpdate ? p.forUpdate : undefined;
    const columns = p.columns
      .map((c) => `${c.insert} AS "${c.name}"`)
      .concat(extra?.columns ?? [], `s.${ROW_NO} AS ${ROW_NO}`);
    return `(SELECT ${columns.join(', ')} FROM "${stage}" s ${p.joins} ${extra?.joins ?? ''}) AS excluded`;
  };
  const match = p.conflict.map((k) => `t."${k}" = excluded."${k}"`).join(' AND ');
  const updating = p.columns.filter((c) => !c.key && (c.needs ?? [c.name]).every((n) => present.has(n)));
  const value = (c: TargetColumn) => c.update ?? `excluded."${c.name}"`;
  const sets = updating.map((c) => `"${c.name}" = ${value(c)}`);
  sets.push(`actor = $1`, `source = 'import'`);
  if (p.hasUpdatedAt) sets.push('updated_at = now()');
  const compared = updating.filter((c) => !c.derived);
  const capture = (rows: string) =>
    changedInto ? `, captured AS (INSERT INTO "${changedInto}" (id) SELECT id FROM ${rows})` : '';
  let updated = 0;
  if (compared.length) {
    const [row] = await conn.query<{ n: number }>(
      `WITH changed AS (
         UPDATE "${p.table}" AS t SET ${sets.join(', ')} FROM ${source(true)}
          WHERE ${match}
            AND (${compared.map((c) => `t."${c.name}"`).join(', ')}, NULL) IS DISTINCT FROM (${compared.map(value).join(', ')}, NULL)
         RETURNING t.id)${capture('changed')}
       SELECT count(*)::int AS n FROM changed`,
      [actor],
    );
    updated = row?.n ?? 0;
  }
  const insert = () =>
    conn.query<{ n: number }>(
      `WITH added AS (
       INSERT INTO "${p.table}" (${names.join(', ')}, actor, source)
       SELECT ${names.map((n) => `excluded.${n}`).join(', ')}, $1, 'import' FROM ${source(false)}
        WHERE NOT EXISTS (SELECT 1 FROM "${p.table}" t WHERE ${match})
        ORDER BY excluded.${ROW_NO}
       RETURNING id)${capture('added')}
     SELECT count(*)::int AS n FROM added`,
      [actor],
    );
  const [row] = (await isBulkLoad(conn, p.table, stage, options.bulkRows ?? BULK_ROWS))
    ? await withoutSecondaryIndexes(conn, p.table, insert)
    : await insert();
  return { inserted: row?.n ?? 0, updated };
}

/** At least this many rows, and more than the table holds: a bulk load (an initial import). */
const BULK_ROWS = 100_000;

async function isBulkLoad(conn: SqlConn, table: string, stage: string, bulkRows: number): Promise<boolean> {
  const [row] = await conn.query<{ staged: number; stored: number }>(
    `SELECT (SELECT count(*) FROM "${stage}")::int AS staged,
            (SELECT reltuples FROM pg_class WHERE oid = $1::regclass)::int AS stored`,
    [table],
  );
  return !!row && row.staged >= bulkRows && row.staged > row.stored;
}
