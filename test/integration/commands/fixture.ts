// The demo company plus a few customers with known balances, and a console user per collector.
import { runCommand } from '../../../src/app/commands/run-command.ts';
import type { Reply } from '../../../src/app/reply.ts';
import { loadDemo } from '../../../src/demo/load-demo.ts';
import type { TestStore } from '../../support/test-store.ts';

export const NOW = new Date('2027-05-28T15:00:00Z'); // Fri 28 May, 11:00 in New York

export async function addCustomers(store: TestStore): Promise<void> {
  await loadDemo(store, { size: 'small', seed: 42, today: '2027-05-28' });
  await store.sql.exec(`
    INSERT INTO customers (id, code, name, collector_id) VALUES
      (9001, 'TESTCO', 'Tessellate Widgets', 1), (9002, 'TESTA', 'Testa Foods', 2), (9003, 'OWES0', 'Owes Nothing Ltd', 1);
    INSERT INTO invoices (number, customer_id, issue_date, due_date, amount, open_amount) VALUES
      ('INV-T1001', 9001, '2027-03-01', '2027-04-01', 3000, 3000),
      ('INV-T1002', 9001, '2027-05-15', '2027-06-15', 2000, 2000),
      ('INV-T2001', 9002, '2027-03-10', '2027-04-10', 1500, 1500);
  `);
}

export type Runner = (
  line: string,
  options?: { as?: string; key?: string; now?: Date; platform?: 'console' | 'slack' },
) => Promise<Reply>;

export function runner(store: TestStore): Runner {
  let n = 0;
  return (line, options = {}) => {
    const [command, ...rest] = line.split(' ');
    return runCommand(
      { store, now: () => options.now ?? NOW, reportError: (err) => console.error(err) },
      {
        command: command!,
        text: rest.join(' '),
        user: { platform: options.platform ?? 'console', id: options.as ?? 'ava' },
        idempotencyKey: options.key ?? `test-${process.pid}-${n++}`,
      },
    );
  };
}

export async function count(store: TestStore, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await store.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params);
  return row!.n;
}
