// What sending needs from a mail transport (SMTP in production: src/server/smtp-mailer.ts). A send
// either is accepted, or fails temporarily (try again later) or permanently (never retried).

export interface OutgoingMail {
  from: string;
  replyTo?: string | undefined;
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  /** '<…@…>', fixed when the message was queued. */
  messageId: string;
  inReplyTo?: string | undefined;
  references?: string | undefined;
}

export type SendOutcome =
  | { ok: true; response: string }
  | { ok: false; permanent: boolean; response: string };

export interface Mailer {
  send(mail: OutgoingMail): Promise<SendOutcome>;
  close(): void;
}

/** Where and how messages go out: the transport and the sender's addresses. */
export interface MailDeps {
  mailer: Mailer;
  from: string;
  replyTo?: string | undefined;
  /** The company's template directory (OUTREACH_TEMPLATES_DIR), if any. */
  templatesDir?: string | undefined;
  /** Waits between sends and before retries; tests pass a fast one. */
  sleep?: (ms: number) => Promise<void>;
}

export const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The domain of an address ('Acme AR <ar@acme.com>' → 'acme.com'), for Message-IDs. */
export function domainOf(from: string): string {
  const m = /@([^\s>]+)>?\s*$/.exec(from.trim());
  return m?.[1] ?? 'callsheet.invalid';
}
