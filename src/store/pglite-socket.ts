// Shares one embedded PGlite database with other Callsheet processes over a unix socket, speaking
// the PostgreSQL wire protocol, so `callsheet import` or `sheet` work while `serve` holds the
// database. PGlite is a single session: every client's messages run in it one batch at a time,
// and a client inside a transaction (or a COPY) keeps the session until it is idle again, so one
// client's BEGIN … COMMIT never interleaves with another's statements. PGlite cannot take COPY …
// FROM STDIN over the protocol (it stops the database), so that exchange is answered here and the
// data goes in through PGlite's own COPY from a blob, in bounded parts.
import { existsSync, rmSync } from 'node:fs';
import net from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;

/** COPY data is loaded in parts of about this many bytes, cut at line ends. */
const COPY_PART = 4 * 1024 * 1024;

const COPY_FROM_STDIN = /^\s*COPY\b[\s\S]*\bFROM\s+STDIN\b/i;

/** Message types after which the client waits for an answer, so the batch goes to the database. */
const FLUSHING = new Set(['S', 'Q', 'H']);

export interface SocketShare {
  close(): Promise<void>;
}

/** A first-come, first-served hold on the one session; the holder may take it again. */
class SessionHold {
  private holder: object | undefined;
  private waiting: { who: object; resume: () => void }[] = [];

  async take(who: object): Promise<void> {
    if (this.holder === undefined || this.holder === who) {
      this.holder = who;
      return;
    }
    await new Promise<void>((resume) => this.waiting.push({ who, resume }));
  }

  heldBy(who: object): boolean {
    return this.holder === who;
  }

  release(who: object): void {
    if (this.holder !== who) return;
    const next = this.waiting.shift();
    this.holder = next?.who;
    next?.resume();
  }
}

function message(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

const cstring = (text: string) => Buffer.from(`${text}\0`, 'utf8');

/**
 * The last ReadyForQuery status in a backend reply: 'I' idle, 'T' in a transaction, 'E' in a
 * failed one; undefined when the reply has none (the client is mid-exchange, e.g. in a COPY).
 */
export function lastReadyStatus(reply: Uint8Array): string | undefined {
  const view = Buffer.from(reply.buffer, reply.byteOffset, reply.byteLength);
  let status: string | undefined;
  let at = 0;
  while (at + 5 <= view.length) {
    const length = view.readInt32BE(at + 1);
    if (view[at] === 0x5a /* Z */ && length === 5) status = String.fromCharCode(view[at + 5] ?? 0);
    at += 1 + length;
  }
  return status;
}

function errorResponse(err: unknown): Buffer {
  const e = err as { code?: string; message?: string };
  return message(
    'E',
    Buffer.concat([
      Buffer.from('S'),
      cstring('ERROR'),
      Buffer.from('V'),
      cstring('ERROR'),
      Buffer.from('C'),
      cstring(e.code ?? 'XX000'),
      Buffer.from('M'),
      cstring(e.message ?? String(err)),
      Buffer.from([0]),
    ]),
  );
}

const ready = (status: string) => message('Z', Buffer.from(status));

/** A COPY … FROM STDIN in progress: the statement rewritten to read a blob, and the data so far. */
interface CopyIn {
  statement: string;
  parts: Buffer[];
  size: number;
  rows: number;
  failure?: unknown;
}

/** The greeting after a startup message: authenticated, the session's parameters, ready. */
async function greeting(db: PGlite): Promise<Buffer> {
  const parameters: [string, string][] = [
    ['client_encoding', 'UTF8'],
    ['server_encoding', 'UTF8'],
    ['standard_conforming_strings', 'on'],
    ['integer_datetimes', 'on'],
  ];
  for (const name of ['server_version', 'DateStyle', 'TimeZone']) {
    const { rows } = await db.query<{ value: string }>(`SELECT current_setting('${name}') AS value`);
    parameters.push([name, rows[0]?.value ?? '']);
  }
  const auth = Buffer.alloc(4); // AuthenticationOk
  const key = Buffer.alloc(8);
  key.writeInt32BE(process.pid, 0);
  return Buffer.concat([
    message('R', auth),
    ...parameters.map(([name, value]) => message('S', Buffer.concat([cstring(name), cstring(value)]))),
    message('K', key),
    message('Z', Buffer.from('I')),
  ]);
}

function serveClient(db: PGlite, hold: SessionHold, hello: Buffer, socket: net.Socket): void {
  const me = {};
  let pending = Buffer.alloc(0);
  let started = false;
  let batch: Buffer[] = [];
  let status = 'I';
  let copy: CopyIn | undefined;
  // Batches of one client run in order; each waits for the session.
  let queue = Promise.resolve();
  const send = (reply: Uint8Array) => {
    if (!socket.destroyed) socket.write(reply);
  };
  const settle = (next: string) => {
    status = next;
    if (status === 'I') hold.release(me);
  };
  const later = (task: () => Promise<void>) => {
    queue = queue.then(task).catch((err: unknown) => {
      hold.release(me);
      socket.destroy(err instanceof Error ? err : new Error(String(err)));
    });
  };

  const run = (messages: Buffer) =>
    later(async () => {
      await hold.take(me);
      const reply = await db.execProtocolRaw(new Uint8Array(messages), { syncToFs: false });
      send(reply);
      settle(lastReadyStatus(reply) ?? status);
    });

  /** Loads the complete lines received so far (all of them when `last`). */
  const loadCopy = async (state: CopyIn, last: boolean) => {
    if (state.failure !== undefined) return;
    const data = Buffer.concat(state.parts);
    const cut = last ? data.length : data.lastIndexOf(0x0a) + 1;
    state.parts = cut < data.length ? [data.subarray(cut)] : [];
    state.size = data.length - cut;
    if (cut === 0) return;
    try {
      const result = await db.query(state.statement, [], { blob: new Blob([data.subarray(0, cut)]) });
      state.rows += result.affectedRows ?? 0;
    } catch (err) {
      state.failure = err;
    }
  };

  const startCopy = (statement: string) =>
    later(async () => {
      await hold.take(me);
      copy = {
        statement: statement.replace(/\bFROM\s+STDIN\b/i, "FROM '/dev/blob'"),
        parts: [],
        size: 0,
        rows: 0,
      };
      send(message('G', Buffer.from([0, 0, 0]))); // CopyInResponse: text, columns as the statement says
    });

  const copyData = (data: Buffer) =>
    later(async () => {
      if (!copy) return;
      copy.parts.push(data);
      copy.size += data.length;
      if (copy.size >= COPY_PART) await loadCopy(copy, false);
    });

  const endCopy = (failed: string | undefined) =>
    later(async () => {
      const state = copy;
      copy = undefined;
      if (!state) return;
      if (failed === undefined) await loadCopy(state, true);
      const failure = failed === undefined ? state.failure : new Error(`COPY from stdin failed: ${failed}`);
      if (failure === undefined) {
        send(Buffer.concat([message('C', cstring(`COPY ${state.rows}`)), ready(status)]));
        settle(status);
        return;
      }
      // As in PostgreSQL, a failed COPY aborts the transaction it ran in.
      if (status !== 'I') await db.exec("DO $$ BEGIN RAISE EXCEPTION 'COPY failed'; END $$").catch(() => {});
      const next = status === 'I' ? 'I' : 'E';
      send(Buffer.concat([errorResponse(failure), ready(next)]));
      settle(next);
    });

  socket.on('data', (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    for (;;) {
      if (!started) {
        if (pending.length < 8) return;
        const length = pending.readInt32BE(0);
        if (pending.length < length) return;
        const code = pending.readInt32BE(4);
        pending = pending.subarray(length);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          socket.write('N'); // plain text on a local socket
          continue;
        }
        if (code === CANCEL_REQUEST) {
          socket.end();
          return;
        }
        started = true;
        socket.write(hello);
        continue;
      }
      if (pending.length < 5) break;
      const length = pending.readInt32BE(1);
      if (pending.length < 1 + length) break;
      const type = String.fromCharCode(pending[0] ?? 0);
      const whole = pending.subarray(0, 1 + length);
      pending = pending.subarray(1 + length);
      if (type === 'X') {
        socket.end();
        return;
      }
      const body = whole.subarray(5);
      if (type === 'Q' && COPY_FROM_STDIN.test(body.toString('utf8', 0, body.length - 1))) {
        startCopy(body.toString('utf8', 0, body.length - 1));
        continue;
      }
      if (type === 'd') {
        copyData(Buffer.from(body));
        continue;
      }
      if (type === 'c' || type === 'f') {
        endCopy(type === 'f' ? body.toString('utf8', 0, body.length - 1) : undefined);
        continue;
      }
      batch.push(Buffer.from(whole));
      if (FLUSHING.has(type)) {
        run(Buffer.concat(batch));
        batch = [];
      }
    }
  });

  socket.on('error', () => {}); // a client that vanished: handled on close
  socket.on('close', () => {
    // A client gone mid-transaction must not leave the session in its transaction.
    queue = queue.then(async () => {
      if (!hold.heldBy(me)) return;
      try {
        await db.exec('ROLLBACK');
      } catch {
        // nothing was open
      } finally {
        hold.release(me);
      }
    });
  });
}

/** Starts answering on `socketPath` (replacing a stale socket file there). */
export async function shareOverSocket(db: PGlite, socketPath: string): Promise<SocketShare> {
  const hello = await greeting(db);
  const hold = new SessionHold();
  const clients = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    clients.add(socket);
    socket.once('close', () => clients.delete(socket));
    serveClient(db, hold, hello, socket);
  });
  if (existsSync(socketPath)) rmSync(socketPath, { force: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of clients) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
