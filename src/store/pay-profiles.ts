// Each customer's payment-history summary as of one day, stored so that the morning's sheets read
// 50k small rows instead of a year of settled invoices (half a million rows on a large ledger). The
// stored figures are the very numbers the engine computes from the invoices (float8, bit for bit), so
// a sheet built from them is the sheet built without them. They are valid for one as-of day, one
// late threshold and half-life, and one ledger version: a statement trigger on `invoices` bumps the
// version on every write that can change a history, and the next read rebuilds them.
import type { PayHistory } from '../domain/policy/lateness/pay-history.ts';
import { daysLateBins } from '../domain/policy/lateness/pay-history.ts';
import {
  type CustomerHistory,
  type HistorySource,
  historiesFromInvoices,
  type PaymentSums,
} from './sheet-inputs.ts';
import { forEachRow, type Sql, type SqlConn } from './sql.ts';

/** Figures before the bin weights, in this order. */
const HEAD = [
  'count',
  'meanDaysLate',
  'meanCents',
  'lateWeight',
  'w',
  'wt',
  'wx',
  'wtt',
  'wtx',
  'recent_n',
  'recent_dt',
  'prior_n',
  'prior_dt',
  'year_dt2',
] as const;

function pack(h: CustomerHistory, bins: number): Uint8Array {
  const { history: y, payments: s } = h;
  const t = y.trend;
  const head = [
    y.count,
    y.meanDaysLate ?? Number.NaN,
    y.meanCents ?? Number.NaN,
    y.lateWeight,
    t?.w ?? Number.NaN,
    t?.wt ?? 0,
    t?.wx ?? 0,
    t?.wtt ?? 0,
    t?.wtx ?? 0,
    s.recent_n,
    s.recent_dt,
    s.prior_n,
    s.prior_dt,
    s.year_dt2,
  ];
  const out = new Float64Array(HEAD.length + bins);
  out.set(head);
  for (let k = 0; k < bins; k++) out[HEAD.length + k] = y.binWeights[k] ?? 0;
  return new Uint8Array(out.buffer);
}

/** One profile's figures, read from `f` at `at` (its bin weights stay a view of `f`). */
function unpack(f: Float64Array, at: number, bins: number): { history: PayHistory; payments: PaymentSums } {
  return {
    history: {
      binWeights: f.subarray(at + HEAD.length, at + HEAD.length + bins),
      lateWeight: f[at + 3]!,
      count: f[at]!,
      meanDaysLate: Number.isNaN(f[at + 1]) ? null : f[at + 1]!,
      meanCents: Number.isNaN(f[at + 2]) ? null : f[at + 2]!,
      trend: Number.isNaN(f[at + 4])
        ? null
        : { w: f[at + 4]!, wt: f[at + 5]!, wx: f[at + 6]!, wtt: f[at + 7]!, wtx: f[at + 8]! },
    },
    payments: {
      recent_n: f[at + 9]!,
      recent_dt: f[at + 10]!,
      prior_n: f[at + 11]!,
      prior_dt: f[at + 12]!,
      year_dt2: f[at + 13]!,
    },
  };
}

interface State {
  ledgerVersion: string;
  fresh: boolean;
  /** Which stored set this is: the state row's own version (it changes whenever it is written). */
  stamp: string;
}

async function readState(
  conn: SqlConn,
  q: { asOf: string; lateDays: number; halfLifeDays: number },
): Promise<State | null> {
  const [row] = await conn.query<{ v: string; fresh: boolean; stamp: string }>(
    `SELECT ledger_version::text AS v, xmin::text || ' ' || ledger_version || ' ' || coalesce(as_of::text, '') AS stamp,
            (built_version = ledger_version AND as_of = $1::date AND late_days = $2 AND half_life_days = $3) IS TRUE AS fresh
       FROM pay_profile_state WHERE id = 1`,
    [q.asOf, q.lateDays, q.halfLifeDays],
  );
  return row ? { ledgerVersion: row.v, fresh: row.fresh, stamp: row.stamp } : null;
}

/**
 * Stores the day's histories, unless the ledger changed since `version` was read (then what was
 * read may already be stale, and the next read rebuilds). One statement: the state row's guard,
 * the rows of customers with no history left removed, and every other row written.
 */
async function writeProfiles(
  conn: SqlConn,
  q: { asOf: string; lateDays: number; halfLifeDays: number },
  version: string,
  histories: ReadonlyMap<number, CustomerHistory>,
): Promise<void> {
  const bins = daysLateBins(q.lateDays).length;
  const size = 8 * (HEAD.length + bins);
  const ids = [...histories.keys()];
  const blob = new Uint8Array(size * ids.length);
  let k = 0;
  for (const h of histories.values()) blob.set(pack(h, bins), size * k++);
  await conn.query(
    `WITH guard AS (
       UPDATE pay_profile_state
          SET built_version = ledger_version, as_of = $1::date, late_days = $2, half_life_days = $3
        WHERE id = 1 AND ledger_version = $4::bigint
          -- An import holds this row until it commits: skip storing rather than wait for it.
          AND id IN (SELECT id FROM pay_profile_state WHERE id = 1 FOR UPDATE SKIP LOCKED)
        RETURNING 1),
     gone AS (
       DELETE FROM pay_profiles p
        WHERE EXISTS (SELECT 1 FROM guard)
          -- An anti-join (hashed), not "<> ALL" (which scans the whole array for every row).
          AND NOT EXISTS (SELECT 1 FROM unnest($5::int[]) AS kept(id) WHERE kept.id = p.customer_id))
     INSERT INTO pay_profiles (customer_id, figures)
     SELECT id, substring($6::bytea FROM $7::int * (k - 1)::int + 1 FOR $7::int)
       FROM unnest($5::int[]) WITH ORDINALITY AS u(id, k)
      WHERE EXISTS (SELECT 1 FROM guard)
     ON CONFLICT (customer_id) DO UPDATE SET figures = EXCLUDED.figures`,
    [q.asOf, q.lateDays, q.halfLifeDays, version, ids, blob, size],
  );
}

/** Profiles decoded into blocks of this many: one allocation per block, not one per customer. */
const BLOCK = 4096;

/** The stored set, or null when a stored profile is not this version's size (written by another). */
async function readProfiles(conn: SqlConn, lateDays: number): Promise<Map<number, CustomerHistory> | null> {
  const bins = daysLateBins(lateDays).length;
  const size = HEAD.length + bins;
  const out = new Map<number, CustomerHistory>();
  let block = new Float64Array(0);
  let bytes = new Uint8Array(0);
  let at = 0;
  let misfit = false;
  const read = (c: SqlConn) =>
    forEachRow<{
      customer_id: number;
      terms_days: number;
      industry: string | null;
      region: string | null;
      figures: string;
    }>(
      c,
      // As base64 text: the embedded database's driver decodes bytea a character at a time, which
      // made this read several times slower than the query itself.
      `SELECT p.customer_id, c.terms_days, c.industry, c.region, encode(p.figures, 'base64') AS figures
         FROM pay_profiles p JOIN customers c ON c.id = p.customer_id
        ORDER BY p.customer_id`,
      [],
      (row) => {
        if (at === block.length) {
          block = new Float64Array(BLOCK * size);
          bytes = new Uint8Array(block.buffer);
          at = 0;
        }
        const figures = Buffer.from(row.figures, 'base64');
        if (figures.length !== 8 * size) misfit = true;
        if (misfit) return;
        // Into the block at an aligned offset: a row's bytes may start anywhere in the driver's buffer.
        bytes.set(figures, 8 * at);
        out.set(Number(row.customer_id), {
          segment: { termsDays: Number(row.terms_days), industry: row.industry, region: row.region },
          ...unpack(block, at, bins),
        });
        at += size;
      },
    );
  // On a pool, one connection of its own: its rows are then handled as they arrive.
  await ('session' in conn && typeof conn.session === 'function' ? (conn as Sql).session(read) : read(conn));
  return misfit ? null : out;
}

/**
 * The last fresh set read through each connection pool, with the state stamp it was read under: a
 * running server builds sheets many times a day (digests, /sheet, the team view) from the same
 * stored set, and reading 50k profiles is about a third of a build. The stamp (the state row's
 * transaction id, ledger version and day) changes with every write that makes the set stale, so a
 * set is reused only while the database still holds exactly it.
 */
const lastRead = new WeakMap<
  SqlConn,
  { stamp: string; lateDays: number; histories: Map<number, CustomerHistory> }
>();

/** Forget the sets kept in memory (a benchmark measures the read of a fresh process with it). */
export function forgetReadProfiles(conn: SqlConn): void {
  lastRead.delete(conn);
}

async function freshProfiles(
  conn: SqlConn,
  state: State,
  lateDays: number,
): Promise<ReadonlyMap<number, CustomerHistory> | null> {
  const kept = lastRead.get(conn);
  if (kept && kept.stamp === state.stamp && kept.lateDays === lateDays) return kept.histories;
  const histories = await readProfiles(conn, lateDays);
  if (histories) lastRead.set(conn, { stamp: state.stamp, lateDays, histories });
  return histories;
}

/**
 * The day's histories from the stored profiles when they are fresh for it (kept in memory between
 * reads while they stay so); otherwise summed from the invoices (as `historiesFromInvoices`) and
 * stored for the next read. A read for some customers only (one collector's) never stores.
 */
export const historiesFromProfiles: HistorySource = async (conn, q) => {
  if (q.customerIds) return historiesFromInvoices(conn, q);
  const state = await readState(conn, q);
  // A set stored by a version whose profiles have another size is rebuilt, as a stale one is.
  const stored = state?.fresh ? await freshProfiles(conn, state, q.lateDays) : null;
  if (stored) return stored;
  const histories = await historiesFromInvoices(conn, q);
  // Storing is a saving for the next build, never a reason to fail this one (a read-only replica,
  // a lock timeout): the histories in hand are right either way.
  if (state) await writeProfiles(conn, q, state.ledgerVersion, histories).catch(() => undefined);
  return histories;
};
