// Every way a line reaches the log — an object, an error (with the request it failed on, or an
// HTTP client's config), a message string, Bolt's logger, a failure report — comes out without
// credentials, cookies or tokens.
import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { boltLogger } from '../../../src/adapters/slack/bolt-logger.ts';
import { reportFailure } from '../../../src/app/report-failure.ts';
import { createLogger, type LogFormat, logFormat } from '../../../src/shared/logger.ts';

const SECRETS = ['s3cret-bearer', 's3cret-cookie', 's3cret-signature', 's3cret-password', 'xoxb-1234-s3cret'];

function capture(format: LogFormat = 'json') {
  let out = '';
  const log = createLogger(
    'debug',
    new Writable({
      write(chunk, _enc, done) {
        out += String(chunk);
        done();
      },
    }),
    format,
  );
  return { log, out: () => out };
}

function request(): IncomingMessage {
  const req = new IncomingMessage(new Socket());
  req.headers = {
    authorization: 'Bearer s3cret-bearer',
    cookie: 'session=s3cret-cookie',
    'x-slack-signature': 'v0=s3cret-signature',
  };
  req.method = 'GET';
  req.url = '/slack/events';
  return req;
}

const headers = {
  Authorization: 'Bearer s3cret-bearer',
  Cookie: 'session=s3cret-cookie',
  'X-Slack-Signature': 'v0=s3cret-signature',
};

describe('logFormat', () => {
  it('is pretty on a terminal, JSON when piped or in CI, unless LOG_FORMAT says', () => {
    expect(logFormat('auto', { isTTY: true }, {})).toBe('pretty');
    expect(logFormat('auto', { isTTY: false }, {})).toBe('json');
    expect(logFormat('auto', { isTTY: true }, { CI: 'true' })).toBe('json');
    expect(logFormat('auto', { isTTY: true }, { CI: 'false' })).toBe('pretty');
    expect(logFormat('json', { isTTY: true }, {})).toBe('json');
    expect(logFormat('pretty', {}, { CI: '1' })).toBe('pretty');
  });
});

describe('log lines', () => {
  it.each<[string, (log: ReturnType<typeof createLogger>) => void]>([
    [
      'an error holding the request it failed on',
      (log) =>
        log.error({ err: Object.assign(new Error('unhandled'), { req: request(), res: {} }) }, 'failed'),
    ],
    [
      'an error holding an HTTP client config',
      (log) => log.error({ err: Object.assign(new Error('401'), { config: { headers } }) }, 'call failed'),
    ],
    [
      'an error whose cause holds headers',
      (log) => log.error({ err: new Error('outer', { cause: { response: { headers } } }) }, 'failed'),
    ],
    ['an error logged as the first argument', (log) => log.error(Object.assign(new Error('x'), { headers }))],
    ['headers nested anywhere', (log) => log.info({ a: { b: { c: { headers } } } }, 'deep')],
    ['a request object', (log) => log.info({ incoming: request() }, 'got')],
    [
      'credential fields',
      (log) => log.info({ settings: { password: 's3cret-password', botToken: 'xoxb-1234-s3cret' } }),
    ],
    [
      'tokens inside message text',
      (log) => log.warn('retrying with Bearer s3cret-bearer and xoxb-1234-s3cret'),
    ],
    [
      'a database URL with its password',
      (log) =>
        log.error(
          { url: 'postgresql://app:s3cret-password@db:5432/x' },
          'postgresql://app:s3cret-password@db/x down',
        ),
    ],
    ['Bolt’s logger with an object', (log) => boltLogger(log).error('request', { headers }, request())],
    [
      'a failure report',
      (log) => reportFailure(log, Object.assign(new Error('boom'), { request: request() }), {}, 'failed'),
    ],
  ])('carry no secret, as JSON or pretty: %s', (_, write) => {
    for (const format of ['json', 'pretty'] as const) {
      const { log, out } = capture(format);
      write(log);
      const text = out();
      expect(text.length, format).toBeGreaterThan(0);
      for (const secret of SECRETS) expect(text, format).not.toContain(secret);
      expect(text, format).not.toMatch(/session=/);
    }
  });

  it('reads as text on a terminal: level, message and fields on their own lines, no JSON', () => {
    const { log, out } = capture('pretty');
    log.info({ url: 'http://127.0.0.1:3000' }, 'callsheet is serving');
    const text = out();
    expect(text).toMatch(/INFO.*: callsheet is serving\n/);
    expect(text).toMatch(/\n\s+url: "http:\/\/127\.0\.0\.1:3000"/);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('keeps what helps: the message, the error type and a stack', () => {
    const { log, out } = capture();
    log.error({ err: Object.assign(new Error('boom'), { code: 'E42', req: request() }) }, 'it failed');
    const line = JSON.parse(out()) as {
      msg: string;
      err: { type: string; message: string; code: string; stack: string; req: string };
    };
    expect(line).toMatchObject({
      msg: 'it failed',
      err: { type: 'Error', message: 'boom', code: 'E42', req: '[omitted]' },
    });
    expect(line.err.stack).toMatch(/boom/);
  });

  it('cuts a runaway string', () => {
    const { log, out } = capture();
    log.info({ note: 'x'.repeat(100_000) }, 'long');
    expect(out().length).toBeLessThan(5000);
  });
});
