// The embedded database shared over a unix socket: several pg clients, one PGlite session. A
// client's transaction is never interleaved with another's statements, a client that vanishes
// mid-transaction is rolled back, and COPY FROM STDIN (which PGlite cannot take over the wire)
// loads through the socket, all or nothing inside a transaction.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { lastReadyStatus, type SocketShare, shareOverSocket } from '../../src/store/pglite-socket.ts';

let dir: string;
let db: PGlite;
let share: SocketShare;
let pool: pg.Pool;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'callsheet-socket-'));
  db = await PGlite.create();
  share = await shareOverSocket(db, path.join(dir, '.s.PGSQL.5432'));
  pool = new pg.Pool({ host: dir, user: 'postgres', database: 'postgres', max: 4 });
  await pool.query('CREATE TABLE ledger (id int PRIMARY KEY, who text NOT NULL)');
});
afterAll(async () => {
  await pool?.end();
  await share?.close();
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await pool.query('TRUNCATE ledger');
});

const rows = async () => (await pool.query('SELECT id, who FROM ledger ORDER BY id')).rows;

describe('the shared embedded database', () => {
  it('answers queries with parameters, and errors without breaking the connection', async () => {
    expect((await pool.query('SELECT $1::int + 1 AS n', [41])).rows).toEqual([{ n: 42 }]);
    await expect(pool.query('SELECT nope')).rejects.toThrow(/column "nope" does not exist/);
    expect((await pool.query('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
  });

  it("runs another client's statements after a transaction, never inside it", async () => {
    const a = await pool.connect();
    try {
      await a.query('BEGIN');
      await a.query(`INSERT INTO ledger VALUES (1, 'a')`);
      // Issued while a's transaction is open: it must wait, then see a's committed rows.
      const seenByB = pool.query('SELECT count(*)::int AS n FROM ledger');
      const insertedByB = pool.query(`INSERT INTO ledger VALUES (3, 'b')`);
      await a.query(`INSERT INTO ledger VALUES (2, 'a')`);
      await a.query('ROLLBACK');
      expect((await seenByB).rows).toEqual([{ n: 0 }]);
      await insertedByB;
    } finally {
      a.release();
    }
    // Had b's insert run inside a's transaction, the rollback would have taken it too.
    expect(await rows()).toEqual([{ id: 3, who: 'b' }]);
  });

  it('serialises many concurrent transactions: every one commits whole', async () => {
    await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const { rows: before } = await client.query('SELECT count(*)::int AS n FROM ledger');
          await client.query('INSERT INTO ledger VALUES ($1, $2)', [i, `n${before[0].n}`]);
          await client.query('COMMIT');
        } finally {
          client.release();
        }
      }),
    );
    // Each transaction saw exactly the ones before it: the counts are 0..11, each once.
    const seen = (await rows()).map((r) => r.who).sort((x, y) => Number(x.slice(1)) - Number(y.slice(1)));
    expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => `n${i}`));
  });

  it('rolls back the transaction of a client that disconnects in the middle of it', async () => {
    const lost = new pg.Client({ host: dir, user: 'postgres', database: 'postgres' });
    lost.on('error', () => {}); // the connection this test cuts
    await lost.connect();
    await lost.query('BEGIN');
    await lost.query(`INSERT INTO ledger VALUES (9, 'lost')`);
    const waiting = pool.query(`INSERT INTO ledger VALUES (10, 'next')`);
    (lost as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    await waiting;
    expect(await rows()).toEqual([{ id: 10, who: 'next' }]);
  });

  it('loads COPY FROM STDIN, and a failed COPY aborts its transaction', async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const lines = Array.from({ length: 5000 }, (_, i) => `${i}\tcopied ${i}\n`);
      await pipeline(Readable.from(lines), client.query(copyFrom('COPY ledger (id, who) FROM STDIN')));
      await client.query('COMMIT');
      expect((await pool.query('SELECT count(*)::int AS n FROM ledger')).rows).toEqual([{ n: 5000 }]);

      await client.query('BEGIN');
      await client.query(`INSERT INTO ledger VALUES (-1, 'before')`);
      const bad = pipeline(
        Readable.from(['6000\tfine\n', 'not-a-number\tbad\n']),
        client.query(copyFrom('COPY ledger (id, who) FROM STDIN')),
      );
      await expect(bad).rejects.toThrow(/invalid input syntax for type integer/);
      await expect(client.query('SELECT 1')).rejects.toThrow(/current transaction is aborted/);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect(
      (await pool.query('SELECT count(*)::int AS n FROM ledger WHERE id < 0 OR id >= 6000')).rows,
    ).toEqual([{ n: 0 }]);
  });

  it('reads the transaction status from the last ReadyForQuery of a reply', () => {
    const ready = (s: string) => Buffer.from([0x5a, 0, 0, 0, 5, s.charCodeAt(0)]);
    const complete = Buffer.concat([Buffer.from([0x43, 0, 0, 0, 10]), Buffer.from('BEGIN\0')]);
    expect(lastReadyStatus(Buffer.concat([complete, ready('T')]))).toBe('T');
    expect(lastReadyStatus(Buffer.concat([ready('T'), complete, ready('I')]))).toBe('I');
    expect(lastReadyStatus(complete)).toBeUndefined();
  });
});
