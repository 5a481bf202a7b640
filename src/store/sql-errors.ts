// Postgres error codes the app reacts to (both backends report them as `code`), and the one test
// for "the database connection was lost", whichever driver layer (pg, Prisma's adapter, node's
// sockets) reported it.

/** 23505: a unique index or constraint found a key twice. */
export const isUniqueViolation = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';

/** The constraint or index a unique violation names, when the driver says. */
export const violatedConstraint = (err: unknown): string | undefined =>
  isUniqueViolation(err) ? (err as { constraint?: string }).constraint : undefined;

// SQLSTATE: class 08 (connection exception), the server shutting down or terminating the backend
// (57P01 admin, 57P02 crash, 57P03 starting up / shutting down, 57P05 idle session timeout), the
// idle-in-transaction timeout (25P03), and too many connections (53300, transient too).
const LOST_SQLSTATE = /^(08...|57P0[1235]|25P03|53300)$/;
// Node socket errors while connecting or talking to the server.
const LOST_SOCKET = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
]);
// Prisma's codes for an unreachable server, a closed connection and a connection timeout, and
// the kinds its driver adapter reports.
const LOST_PRISMA = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
const LOST_ADAPTER_KIND = new Set(['ConnectionClosed', 'DatabaseNotReachable', 'SocketTimeout']);
// pg's own messages for a client whose socket is gone (these errors carry no code).
const LOST_MESSAGE =
  /Connection terminated|connection error and is not queryable|Client was closed and is not queryable|timeout exceeded when trying to connect|terminating connection due to|the database system is (starting up|shutting down|in recovery|not yet accepting connections)|is not currently accepting connections/i;

/**
 * True when `err` (or an error it wraps) says the connection to the database was lost or could
 * not be made — an expected event (a restart, a failover, a killed backend), not a bug.
 */
export function isConnectionLost(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > 5) return false;
  const e = err as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    kind?: unknown;
    originalCode?: unknown;
    meta?: { driverAdapterError?: unknown };
  };
  const code = typeof e.code === 'string' ? e.code : '';
  if (LOST_SQLSTATE.test(code) || LOST_SOCKET.has(code) || LOST_PRISMA.has(code)) return true;
  if (typeof e.originalCode === 'string' && LOST_SQLSTATE.test(e.originalCode)) return true;
  if (typeof e.kind === 'string' && LOST_ADAPTER_KIND.has(e.kind)) return true;
  if (typeof e.message === 'string' && LOST_MESSAGE.test(e.message)) return true;
  return isConnectionLost(e.cause, depth + 1) || isConnectionLost(e.meta?.driverAdapterError, depth + 1);
}

/** The errors `err` wraps, outermost first (Prisma keeps the driver's under meta and cause). */
function chain(err: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (e: unknown) => {
    if (typeof e !== 'object' || e === null || out.length > 8 || out.includes(e as Record<string, unknown>))
      return;
    const r = e as Record<string, unknown>;
    out.push(r);
    walk(r.cause);
    walk((r.meta as { driverAdapterError?: unknown } | undefined)?.driverAdapterError);
  };
  walk(err);
  return out;
}

/** One line for a person: what happened to the connection, in the server's or driver's words. */
export function describeConnectionLoss(err: unknown): string {
  const said = chain(err).flatMap((e) =>
    [e.originalMessage, e.message, e.kind, e.code].filter((v): v is string => typeof v === 'string' && !!v),
  );
  // The server's or the socket's own words, not a wrapper's ("Invalid … invocation").
  const why =
    said.find((m) => LOST_MESSAGE.test(m)) ??
    said.find((m) => LOST_SQLSTATE.test(m) || LOST_SOCKET.has(m) || LOST_ADAPTER_KIND.has(m)) ??
    said[0] ??
    'no answer';
  return `lost the connection to the database (${why.split('\n')[0]!.slice(0, 200)}); nothing more was written. Check that PostgreSQL is running and reachable, then run the command again`;
}

/** How long to wait before the one retry: long enough for a pool to reconnect after a killed backend. */
export const RETRY_AFTER_CONNECTION_LOSS_MS = 300;

/**
 * Runs `work`; if the connection was lost, waits a moment and runs it once more. Only for work
 * that is safe to repeat (reads, or writes made idempotent by a key).
 */
export async function retryOnceIfConnectionLost<T>(
  work: () => Promise<T>,
  delayMs = RETRY_AFTER_CONNECTION_LOSS_MS,
): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!isConnectionLost(err)) throw err;
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    return work();
  }
}
