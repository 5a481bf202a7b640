// Checks that need the whole file or the database, done in SQL over the staging table: keys that
// repeat within the file, and references to customers, collectors or invoices that do not exist.
// Rows that fail are reported and removed from the staging table, so what remains can be upserted.
import { quoted } from '../domain/safe-text.ts';
import { BASE_CURRENCY_SQL } from '../store/fx-rates.ts';
import type { SqlConn } from '../store/sql.ts';
import { isUniqueViolation } from '../store/sql-errors.ts';
import type { EntitySpec, Reference } from './entities.ts';
import { ROW_NO } from './stage-table.ts';

export interface RowError {
  row: number;
  column: string;
  value: string;
  reason: string;
}

interface Check {
  /** Whether some row may fail, found cheaply (default: counts the rows of `select`). */
  probe?: (conn: SqlConn) => Promise<boolean>;
  /** Rows that fail, as `row_no`, `value` and `detail` (any text), from the staging table `s`. */
  select: string;
  /** The same condition as a predicate on `s`, for removing the rows. */
  where: string;
  column: string;
  reason: (value: string, detail: string) => string;
}

const PAGE = 5000;

/** Why a row naming a customer, collector or invoice that does not exist is refused. */
export const unknownReference = (ref: Reference, value: string) =>
  `unknown ${ref.noun} ${quoted(value)}: ${ref.hint}`;
const q = (name: string) => `"${name}"`;

function checksOf(spec: EntitySpec, stage: string): Check[] {
  const checks: Check[] = [];
  const key = spec.key.map((k) => `s.${q(k)}`).join(', ');
  const keyText = spec.key.length > 1 ? `concat_ws(' / ', ${key})` : key;
  // One window pass: each row with the first row of its key (no self-join, which can go quadratic).
  const firsts = `SELECT s.${ROW_NO}, ${keyText} AS value, min(s.${ROW_NO}) OVER (PARTITION BY ${key}) AS first_row
                    FROM ${q(stage)} s`;
  checks.push({
    // A unique index is built by one sort, three times faster than grouping a million keys, and
    // fails only when some key repeats. Dropped after, so it steers no later plan (rows are
    // upserted in file order).
    probe: async (conn) => {
      await conn.exec('SAVEPOINT import_key_probe');
      try {
        await conn.exec(
          `CREATE UNIQUE INDEX ${q(`${stage}_key`)} ON ${q(stage)} (${spec.key.map(q).join(', ')})`,
        );
        await conn.exec(`DROP INDEX ${q(`${stage}_key`)}; RELEASE SAVEPOINT import_key_probe`);
        return false;
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        await conn.exec('ROLLBACK TO SAVEPOINT import_key_probe; RELEASE SAVEPOINT import_key_probe');
        return true;
      }
    },
    select: `SELECT ${ROW_NO}, value, first_row::text AS detail FROM (${firsts}) d WHERE first_row <> ${ROW_NO}`,
    where: `s.${ROW_NO} IN (SELECT ${ROW_NO} FROM (${firsts}) d WHERE first_row <> ${ROW_NO})`,
    column: spec.key.join(' + '),
    reason: (value, first) => `duplicate ${spec.key.join(' + ')} ${quoted(value)}: row ${first} has it too`,
  });
  for (const ref of spec.references) {
    const missing = `s.${q(ref.column)} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${q(ref.table)} r WHERE r.${q(ref.key)} = s.${q(ref.column)})`;
    checks.push({
      select: `SELECT s.${ROW_NO}, s.${q(ref.column)} AS value, '' AS detail FROM ${q(stage)} s WHERE ${missing}`,
      where: missing,
      column: ref.column,
      reason: (value) => unknownReference(ref, value),
    });
  }
  if (spec.entity === 'payments') {
    const mismatch = `EXISTS (SELECT 1 FROM invoices i JOIN customers c ON c.id = i.customer_id
                       WHERE i.number = s.invoice AND c.code <> s.customer)`;
    checks.push({
      select: `SELECT s.${ROW_NO}, s.invoice AS value, c.code AS detail FROM ${q(stage)} s
                 JOIN invoices i ON i.number = s.invoice JOIN customers c ON c.id = i.customer_id
                WHERE c.code <> s.customer`,
      where: mismatch,
      column: 'invoice',
      reason: (value, owner) =>
        `invoice ${quoted(value)} belongs to customer ${owner}, not to this payment's customer`,
    });
    // A payment pays an invoice in the invoice's own currency, as an ERP books the application;
    // converting here would invent an exchange difference the ledger never recorded. The payment's
    // currency: the file's, else the stored payment's, else the base.
    const paidIn = `coalesce(s.currency, (SELECT p.currency FROM payments p WHERE p.reference = s.reference), ${BASE_CURRENCY_SQL})`;
    checks.push({
      select: `SELECT s.${ROW_NO}, s.invoice AS value, i.currency || ' ' || ${paidIn} AS detail FROM ${q(stage)} s
                 JOIN invoices i ON i.number = s.invoice WHERE i.currency <> ${paidIn}`,
      where: `EXISTS (SELECT 1 FROM invoices i WHERE i.number = s.invoice AND i.currency <> ${paidIn})`,
      column: 'invoice',
      reason: (value, detail) => {
        const [invoice, payment] = detail.split(' ');
        return (
          `invoice ${quoted(value)} is in ${invoice} but this payment is in ${payment}: a payment pays an invoice in its own currency. ` +
          `Import the amount applied to the invoice, in ${invoice}, with currency ${invoice} (as the ERP books it), or leave invoice empty to pay the customer's oldest open ${payment} invoices`
        );
      },
    });
    checks.push({
      select: `SELECT s.${ROW_NO}, s.amount::text AS value, '' AS detail FROM ${q(stage)} s WHERE s.amount <= 0`,
      where: 's.amount <= 0',
      column: 'amount',
      reason: (value) =>
        `must be more than zero (got ${value}); record refunds and credits as credit notes in invoices`,
    });
  }
  return checks;
}

// A count, not LIMIT 1, so the planner picks a hash join over a million index probes.
const anyRow = (select: string) => async (conn: SqlConn) => {
  const [probe] = await conn.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${select}) f`);
  return !!probe?.n;
};

/**
 * Runs every check, hands each failing row to `report` (in row order per check), removes failing
 * rows from the staging table and returns how many rows were removed.
 */
export async function checkStagedRows(
  conn: SqlConn,
  spec: EntitySpec,
  stage: string,
  report: (error: RowError) => Promise<void>,
): Promise<number> {
  let removed = 0;
  for (const check of checksOf(spec, stage)) {
    // Most files pass: one probe before paging through the failures.
    if (!(await (check.probe ?? anyRow(check.select))(conn))) continue;
    let after = 0;
    for (;;) {
      const page = await conn.query<{ row_no: number; value: string; detail: string }>(
        `SELECT ${ROW_NO}, value, detail FROM (${check.select}) f WHERE ${ROW_NO} > $1 ORDER BY ${ROW_NO} LIMIT ${PAGE}`,
        [after],
      );
      for (const r of page)
        await report({
          row: r.row_no,
          column: check.column,
          value: r.value,
          reason: check.reason(r.value, r.detail),
        });
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.row_no;
    }
    const [gone] = await conn.query<{ n: number }>(
      `WITH d AS (DELETE FROM ${q(stage)} s WHERE ${check.where} RETURNING 1) SELECT count(*)::int AS n FROM d`,
    );
    removed += gone?.n ?? 0;
  }
  return removed;
}
