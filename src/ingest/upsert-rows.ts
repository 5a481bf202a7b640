// Set-based upserts from the staging table into the account tables, by natural key. A row is
// updated only when one of its values really differs (IS DISTINCT FROM), so re-importing a file
// touches nothing; columns absent from the file keep their stored values.
import type { SqlConn } from '../store/sql.ts';
import type { Entity } from './entities.ts';

interface TargetColumn {
  name: string;
  /** Value for a new row, from the staging row `s` and the joined rows. */
  insert: string;
  /** Value for an existing row `t` (default: the new row's value, EXCLUDED.name). */
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
  switch (entity) {
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
        ],
      };
    case 'invoices': {
      // An invoice with payments recorded here owes its amount less those payments; otherwise the
      // file's open balance stands (the ERP knows payments we were never given), or, without that
      // column, the open amount moves by the change in the invoice amount.
      const fallback = present.has('open_amount')
        ? 'EXCLUDED.open_amount'
        : 't.open_amount + EXCLUDED.amount - t.amount';
      const open = `coalesce(EXCLUDED.amount - (SELECT sum(a.amount) FROM payment_applications a WHERE a.invoice_id = t.id), ${fallback})`;
      return {
        table: 'invoices',
        conflict: ['number'],
        joins: CUSTOMER,
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
          withDefault('currency', `'USD'`),
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
          withDefault('currency', `'USD'`),
        ],
      };
  }
}

export interface UpsertCounts {
  inserted: number;
  updated: number;
}

/**
 * Upserts every staged row. `present` lists the file's columns; `changedInto` names a temporary
 * table (id int) that receives the ids of inserted and updated rows.
 */
export async function upsertStaged(
  conn: SqlConn,
  entity: Entity,
  stage: string,
  present: ReadonlySet<string>,
  actor: string,
  changedInto?: string,
): Promise<UpsertCounts> {
  const p = plan(entity, present);
  const names = p.columns.map((c) => `"${c.name}"`);
  const updating = p.columns.filter((c) => !c.key && (c.needs ?? [c.name]).every((n) => present.has(n)));
  const value = (c: TargetColumn) => c.update ?? `EXCLUDED."${c.name}"`;
  const sets = updating.map((c) => `"${c.name}" = ${value(c)}`);
  sets.push('actor = EXCLUDED.actor', 'source = EXCLUDED.source');
  if (p.hasUpdatedAt) sets.push('updated_at = now()');
  const compared = updating.filter((c) => !c.derived);
  const distinct = compared.length
    ? `WHERE (${compared.map((c) => `t."${c.name}"`).join(', ')}, NULL) IS DISTINCT FROM (${compared.map(value).join(', ')}, NULL)`
    : 'WHERE false';
  const capture = changedInto ? `, ins AS (INSERT INTO "${changedInto}" (id) SELECT id FROM up)` : '';
  const [counts] = await conn.query<{ inserted: number; updated: number }>(
    `WITH up AS (
       INSERT INTO "${p.table}" AS t (${names.join(', ')}, actor, source)
       SELECT ${p.columns.map((c) => c.insert).join(', ')}, $1, 'import' FROM "${stage}" s ${p.joins}
       ON CONFLICT (${p.conflict.map((c) => `"${c}"`).join(', ')}) DO UPDATE SET ${sets.join(', ')}
       ${distinct}
       RETURNING t.id, (t.xmax = 0) AS inserted
     )${capture}
     SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM up`,
    [actor],
  );
  return counts ?? { inserted: 0, updated: 0 };
}
