// A real SMTP server on 127.0.0.1 for the outreach tests (smtp-server), with named scenarios: it
// accepts and records every message, refuses (5xx), fails temporarily a number of times (4xx) or
// drops the connection in the middle of a batch.
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  headers: Map<string, string>;
  raw: string;
}

export interface SmtpScenario {
  /** Refuse messages to these addresses for good (550). */
  refuse?: (rcpt: string) => boolean;
  /** Answer 451 to the first n DATA commands, then accept. */
  temporaryFailures?: number;
  /** Cut the connection (no reply) when the n-th message (1-based) arrives. */
  dropAt?: number;
}

export interface SmtpSink {
  url: string;
  received: ReceivedMail[];
  /** DATA attempts seen, accepted or not. */
  attempts: number;
  close(): Promise<void>;
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=) decoded. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

/** Header fields of a raw message, unfolded and decoded, names lower-cased. */
export function parseHeaders(raw: string): Map<string, string> {
  const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const out = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const k = line.indexOf(':');
    if (k > 0) out.set(line.slice(0, k).toLowerCase(), decodeWords(line.slice(k + 1).trim()));
  }
  return out;
}

/** Quoted-printable soft breaks and escapes undone, enough to search a body for text. */
export function decodeQp(text: string): string {
  return text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
}

export async function startSmtpSink(scenario: SmtpScenario = {}): Promise<SmtpSink> {
  const sink: SmtpSink = { url: '', received: [], attempts: 0, close: async () => {} };
  let temporaryLeft = scenario.temporaryFailures ?? 0;
  const server: SMTPServer = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (scenario.refuse?.(address.address)) {
        const err = Object.assign(new Error('5.1.1 Mailbox unavailable'), { responseCode: 550 });
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        sink.attempts++;
        if (scenario.dropAt !== undefined && sink.attempts === scenario.dropAt) {
          for (const c of server.connections) c._socket.destroy();
          return;
        }
        if (temporaryLeft > 0) {
          temporaryLeft--;
          return callback(Object.assign(new Error('4.3.0 Try again later'), { responseCode: 451 }));
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        sink.received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          headers: parseHeaders(raw),
          raw,
        });
        callback(null, `Ok: queued as test-${sink.received.length}`);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  sink.url = `smtp://127.0.0.1:${port}`;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}
