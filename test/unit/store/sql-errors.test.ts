// Which failures count as "the database connection was lost" — in whichever wrapping the pg
// driver, node's sockets or Prisma's adapter hand it over — and the one line a person is shown.
import { describe, expect, it } from 'vitest';
import { describeConnectionLoss, isConnectionLost } from '../../../src/store/sql-errors.ts';

const pg = (code: string, message: string) => Object.assign(new Error(message), { code, severity: 'FATAL' });
const prismaWrapped = (inner: unknown) =>
  Object.assign(new Error('\nInvalid `prisma.collector.findMany()` invocation in\n/app/x.ts:9:47'), {
    code: 'P2039',
    meta: { driverAdapterError: Object.assign(new Error('DriverAdapterError'), { cause: inner }) },
  });

describe('isConnectionLost', () => {
  it.each([
    ['a terminated backend', pg('57P01', 'terminating connection due to administrator command')],
    ['a server shutting down', pg('57P03', 'the database system is shutting down')],
    [
      'the idle-in-transaction timeout',
      pg('25P03', 'terminating connection due to idle-in-transaction timeout'),
    ],
    [
      'a refused socket',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    ['a pg client whose socket closed', new Error('Connection terminated unexpectedly')],
    ['a database closed to connections', pg('55000', 'database "x" is not currently accepting connections')],
    [
      'Prisma wrapping the driver',
      prismaWrapped({
        kind: 'postgres',
        originalCode: '57P01',
        originalMessage: 'terminating connection due to administrator command',
      }),
    ],
    ['Prisma reporting a closed connection', prismaWrapped({ kind: 'ConnectionClosed' })],
  ])('is true for %s', (_, err) => {
    expect(isConnectionLost(err)).toBe(true);
  });

  it.each([
    ['a unique violation', pg('23505', 'duplicate key value violates unique constraint')],
    ['a syntax error', pg('42601', 'syntax error at or near "SELEC"')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['nothing', undefined],
  ])('is false for %s', (_, err) => {
    expect(isConnectionLost(err)).toBe(false);
  });
});

describe('describeConnectionLoss', () => {
  it('gives the server’s words in one line, not a wrapper’s', () => {
    const line = describeConnectionLoss(
      prismaWrapped({
        kind: 'postgres',
        originalMessage: 'terminating connection due to administrator command',
      }),
    );
    expect(line).toBe(
      'lost the connection to the database (terminating connection due to administrator command); nothing more was written. Check that PostgreSQL is running and reachable, then run the command again',
    );
  });
});
