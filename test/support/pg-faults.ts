// Faults on a real PostgreSQL, aimed at one test database only (other runs share the server): an
// admin connection that terminates that database's backends, holds a table lock so a request
// stops mid-way at a known point, and closes the database to new connections.
import pg from 'pg';

export interface PgFaults {
  /** The admin connection's own backend is never terminated. */
  readonly database: string;
  /** Terminates every backend of the database but ours; resolves with how many. */
  terminateBackends(): Promise<number>;
  /**
   * Takes `mode` locks on `tables` in an open transaction of our own: whoever touches them waits
   * until `release()`.
   */
  lockTables(tables: readonly string[], mode?: string): Promise<{ release(): Promise<void> }>;
  /** Resolves once some other backend of the database waits for a lock (at most `timeoutMs`). */
  waitForBlocked(timeoutMs?: number): Promise<void>;
  /**
   * Runs `work` while holding `tables`, waits until the work is stuck on them, kills the
   * database's backends, then lets go: the kill lands mid-work every time. Resolves with what the
   * work resolves (or rejects) with.
   */
  killMidway<T>(tables: readonly string[], work: () => Promise<T>): Promise<T>;
  /** Refuses (false) or allows (true) new connections to the database. */
  allowConnections(allowed: boolean): Promise<void>;
  close(): Promise<void>;
}

const admin = async (url: string) => {
  const client = new pg.Client({ connectionString: url, application_name: 'callsheet-test-faults' });
  client.on('error', () => {}); // the fault suite restarts the server under it
  await client.connect();
  return client;
};

/** `url`: the test database's URL (its admin is the same user, connected to `postgres`). */
export async function pgFaults(url: string): Promise<PgFaults> {
  const database = decodeURIComponent(new URL(url).pathname.slice(1));
  const adminUrl = new URL(url);
  adminUrl.pathname = '/postgres';
  const control = await admin(adminUrl.toString());
  const others = `datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend'`;
  const faults: PgFaults = {
    database,
    async terminateBackends() {
      const { rows } = await control.query<{ n: number }>(
        `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE ${others}`,
        [database],
      );
      return rows[0]?.n ?? 0;
    },
    async lockTables(tables, mode = 'ACCESS EXCLUSIVE') {
      const holder = await admin(url);
      await holder.query('BEGIN');
      await holder.query(`LOCK TABLE ${tables.map((t) => `"${t}"`).join(', ')} IN ${mode} MODE`);
      return {
        release: async () => {
          await holder.query('ROLLBACK').catch(() => {});
          await holder.end().catch(() => {});
        },
      };
    },
    async waitForBlocked(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { rows } = await control.query(
          `SELECT 1 FROM pg_stat_activity WHERE ${others} AND wait_event_type = 'Lock' AND application_name <> 'callsheet-test-faults'`,
          [database],
        );
        if (rows.length) return;
        if (Date.now() > deadline) throw new Error(`no backend of ${database} waited for a lock`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async killMidway(tables, work) {
      const lock = await faults.lockTables(tables);
      const running = work();
      running.catch(() => {}); // the caller awaits it; not an unhandled rejection meanwhile
      try {
        await faults.waitForBlocked();
        if (!(await faults.terminateBackends())) throw new Error(`no backend of ${database} to kill`);
      } finally {
        await lock.release();
      }
      return running;
    },
    async allowConnections(allowed) {
      await control.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS ${allowed}`);
    },
    close: () => control.end().catch(() => {}),
  };
  return faults;
}
