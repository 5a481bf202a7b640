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

  it("keeps every client's statements apart under load: each answer is to its own question", async () => {
    // Three pools stand for three processes (serve and two commands), four connections each, all
    // through the one session: look-ups by two statements with parameters, transactions that read
    // back their own insert, and COPYs into a temporary table, all at once.
    const pools = [
      pool,
      ...[1, 2].map(() => new pg.Pool({ host: dir, user: 'postgres', database: 'postgres', max: 4 })),
    ];
    await pool.query("INSERT INTO ledger SELECT g, 'U' || g FROM generate_series(1, 40) g");
    const wrong: string[] = [];
    let next = 1000;
    const worker = async (p: pg.Pool, w: number) => {
      for (let i = 0; i < 40; i++) {
        const kind = (w + i) % 4;
        if (kind < 2) {
          const k = 1 + ((w * 7 + i * 13) % 40);
          const { rows: got } =
            kind === 0
              ? await p.query('SELECT id FROM ledger WHERE who = $1', [`U${k}`])
              : await p.query('SELECT who AS id FROM ledger WHERE id = $1 AND id > 0', [k]);
          if (String(got[0]?.id) !== String(kind === 0 ? k : `U${k}`))
            wrong.push(`look-up ${k}: ${JSON.stringify(got)}`);
        } else {
          const client = await p.connect();
          try {
            await client.query('BEGIN');
            if (kind === 2) {
              const id = ++next;
              await client.query('INSERT INTO ledger VALUES ($1, $2)', [id, `w${w}`]);
              const { rows: got } = await client.query('SELECT who FROM ledger WHERE id = $1', [id]);
              if (got[0]?.who !== `w${w}`) wrong.push(`insert ${id}: ${JSON.stringify(got)}`);
            } else {
              await client.query('CREATE TEMP TABLE copied (n int) ON COMMIT DROP');
              await pipeline(
                Readable.from([Array.from({ length: 25 }, (_, j) => `${j}\n`).join('')]),
                client.query(copyFrom('COPY copied FROM STDIN')),
              );
              const { rows: got } = await client.query('SELECT count(*)::int AS n FROM copied');
              if (got[0]?.n !== 25) wrong.push(`copy: ${JSON.stringify(got)}`);
            }
            await client.query('COMMIT');
          } finally {
            client.release();
          }
        }
      }
    };
    try {
      await Promise.all(pools.flatMap((p, k) => [0, 1, 2, 3].map((j) => worker(p, 4 * k + j))));
    } finally {
      await Promise.all(pools.slice(1).map((p) => p.end()));
    }
    expect(wrong).toEqual([]);
    // Every transaction's insert committed, once.
    expect((await pool.query('SELECT count(*)::int AS n FROM ledger WHERE id > 1000')).rows).toEqual([
      { n: next - 1000 },
    ]);
  });

  it('reads the transaction status from the last ReadyForQuery of a reply', () => {
    const ready = (s: string) => Buffer.from([0x5a, 0, 0, 0, 5, s.charCodeAt(0)]);
    const complete = Buffer.concat([Buffer.from([0x43, 0, 0, 0, 10]), Buffer.from('BEGIN\0')]);
    expect(lastReadyStatus(Buffer.concat([complete, ready('T')]))).toBe('T');
    expect(lastReadyStatus(Buffer.concat([ready('T'), complete, ready('I')]))).toBe('I');
    expect(lastReadyStatus(complete)).toBeUndefined();
  });
});
