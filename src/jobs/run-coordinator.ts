// node-cron's RunCoordinator backed by Postgres: of all replicas whose timer fires for the same
// minute, one is elected (a compare-and-set on the task's coordinator row in job_runs). This only
// saves duplicate work; exactly-once posting is the ledger's job, so an election lost to a crash
// merely delays the work to the next minute's tick.
import type { RunCoordinator } from 'node-cron';
import type { SqlConn } from '../store/sql.ts';
import { isConnectionLost } from '../store/sql-errors.ts';
import { electForSlot } from './ledger.ts';

export class PgRunCoordinator implements RunCoordinator {
  constructor(
    private readonly conn: SqlConn,
    private readonly owner: string,
  ) {}

  /** node-cron's key is "<task name>:<slot as ISO instant>". */
  async shouldRun(key: string): Promise<boolean> {
    const split = key.indexOf(':');
    try {
      return await electForSlot(this.conn, key.slice(0, split), key.slice(split + 1), this.owner);
    } catch (err) {
      // With the database away nobody can be elected: this minute is skipped, and the ledger
      // still holds every due run for the next one.
      if (isConnectionLost(err)) return false;
      throw err;
    }
  }
}
