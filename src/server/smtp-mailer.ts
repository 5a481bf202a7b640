// The SMTP transport (nodemailer) behind the outreach's Mailer: one pooled connection reused across
// a batch, STARTTLS required except to a server on this machine, and every outcome classified —
// accepted (with the server's reply), temporary (4xx, a dropped or refused connection: retried by
// the ledger, never by the pool) or permanent (5xx). A refused login or TLS set-up is the
// operator's to fix: it stops the run with the setting to check instead of failing every message.
import nodemailer from 'nodemailer';
import type { SMTPPoolOptions } from 'nodemailer/lib/smtp-pool';
import type { OutreachChatOptions } from '../app/outreach/approve-batch.ts';
import type { MailDeps, Mailer, OutgoingMail, SendOutcome } from '../app/outreach/mailer.ts';
import type { Config } from '../config.ts';
import { AppError, UserError } from '../shared/errors.ts';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

export function classifySmtpError(err: unknown): SendOutcome {
  const e = (err ?? {}) as SmtpError;
  const response = e.response ?? e.message ?? String(err);
  if (typeof e.responseCode === 'number') return { ok: false, permanent: e.responseCode >= 500, response };
  return { ok: false, permanent: false, response: `${e.code ?? 'error'}: ${response}` };
}

export function smtpMailer(url: string): Mailer {
  const parsed = new URL(url);
  const local = LOOPBACK.has(parsed.hostname);
  const transport = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: 1,
    // The ledger retries; a pool that requeued on its own could send a message the server took twice.
    maxRequeues: 0,
    requireTLS: parsed.protocol === 'smtp:' && !local,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  } satisfies SMTPPoolOptions & { pool: true; url: string });
  return {
    async send(mail: OutgoingMail): Promise<SendOutcome> {
      try {
        const info = await transport.sendMail({
          from: mail.from,
          replyTo: mail.replyTo,
          to: { name: mail.to.name, address: mail.to.address },
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: mail.messageId,
          inReplyTo: mail.inReplyTo,
          references: mail.references,
        });
        return { ok: true, response: String(info.response ?? 'accepted') };
      } catch (err) {
        const e = err as SmtpError;
        if (e.code === 'EAUTH' || e.code === 'ETLS')
          throw new AppError('config_invalid', `SMTP ${e.code}: ${e.response ?? e.message}`, {
            userMessage: `the mail server refused ${e.code === 'EAUTH' ? 'the login' : 'TLS'} (${e.response ?? e.message}): check SMTP_URL`,
          });
        return classifySmtpError(err);
      }
    },
    close() {
      transport.close();
    },
  };
}

/** The mail set-up from the environment; a missing setting is named with an example. */
export function mailDeps(config: Config): MailDeps {
  if (!config.SMTP_URL)
    throw new UserError(
      'SMTP_URL is not set: set it to your mail server, e.g. smtp://user:password@mail.example.com:587',
    );
  if (!config.OUTREACH_FROM)
    throw new UserError(
      'OUTREACH_FROM is not set: set the sender, e.g. "Acme Receivables <ar@acme.example>"',
    );
  return {
    mailer: smtpMailer(config.SMTP_URL),
    from: config.OUTREACH_FROM,
    replyTo: config.OUTREACH_REPLY_TO,
    templatesDir: config.OUTREACH_TEMPLATES_DIR,
  };
}

/** What the chat approval needs of the mail set-up: the sender when a server is configured. */
export function outreachChatOptions(config: Config): OutreachChatOptions {
  return {
    from: config.SMTP_URL && config.OUTREACH_FROM ? config.OUTREACH_FROM : null,
    templatesDir: config.OUTREACH_TEMPLATES_DIR,
  };
}
