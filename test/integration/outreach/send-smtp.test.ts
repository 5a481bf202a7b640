// Sending the small demo's batch through a real SMTP server on 127.0.0.1: what it received, the
// rules (no message to a customer with a pending promise, none about a disputed invoice), reruns,
// temporary and permanent failures and a connection dropped mid-batch.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { computeKpis } from '../../../src/app/compute-kpis.ts';
import { systemClock } from '../../../src/app/deps.ts';
import { accountMessages } from '../../../src/app/outreach/account-outreach.ts';
import type { MailDeps } from '../../../src/app/outreach/mailer.ts';
import { outreachSettings } from '../../../src/app/outreach/outreach-settings.ts';
import { planOutreachBatch } from '../../../src/app/outreach/plan-outreach-batch.ts';
import { outreachStatus, sendOutreachBatch } from '../../../src/app/outreach/send-batch.ts';
import { sendFollowUps } from '../../../src/app/outreach/send-follow-ups.ts';
import { smtpMailer } from '../../../src/server/smtp-mailer.ts';
import { openStore, type Store } from '../../../src/store/open-store.ts';
import { writeSettings } from '../../../src/store/settings.ts';
import { useDemoDatabase } from '../../support/demo-database.ts';
import { decodeQp, type SmtpScenario, type SmtpSink, startSmtpSink } from '../../support/smtp-sink.ts';

const DAY = '2027-05-28';
const demo = useDemoDatabase();
let store: Store;
let sink: SmtpSink | undefined;
const actor = { code: 'system', source: 'cli' as const };

beforeAll(async () => {
  const db = demo();
  store = await openStore({ databaseUrl: db.url, dataDir: db.dataDir, migrations: 'check' });
  await writeSettings(
    store.sql,
    outreachSettings,
    {
      ratePerMinute: 6000,
      retrySeconds: 0.05,
      company: 'Callsheet Demo Supply',
      paymentInstructions: 'Wire to IBAN XX00 1234',
    },
    { actor: 'test', source: 'cli' },
  );
});
afterAll(async () => {
  await store?.close();
});
afterEach(async () => {
  await sink?.close();
  sink = undefined;
  await store.sql.query('DELETE FROM outreach_messages');
  await store.sql.query("DELETE FROM alerts WHERE kind = 'delivery_failure'");
});

async function mailTo(scenario: SmtpScenario = {}): Promise<MailDeps> {
  sink ??= await startSmtpSink(scenario);
  return {
    mailer: smtpMailer(sink.url),
    from: 'Demo Receivables <ar@callsheet-demo.example>',
    replyTo: 'collections@callsheet-demo.example',
  };
}

async function send(scenario: SmtpScenario = {}, day = DAY) {
  const mail = await mailTo(scenario);
  try {
    return await sendOutreachBatch({ store, now: systemClock }, mail, { asOf: day, actor });
  } finally {
    mail.mailer.close();
  }
}

describe('outreach send against a real SMTP server', () => {
  it('delivers one message per eligible customer with both parts, and a rerun sends nothing', async () => {
    const r = await send();
    const eligible = r.batch.drafts;
    expect(eligible.length).toBeGreaterThan(10);
    expect(r.drain.sent).toBe(eligible.length);
    expect(sink!.received).toHaveLength(eligible.length);
    const recipients = sink!.received.map((m) => m.to.join(','));
    expect(new Set(recipients).size).toBe(recipients.length);
    expect(recipients.sort()).toEqual(eligible.map((d) => d.to.email).sort());

    const draft = eligible[0]!;
    const got = sink!.received.find((m) => m.to[0] === draft.to.email)!;
    expect(got.from).toBe('ar@callsheet-demo.example');
    expect(got.headers.get('subject')).toBe(draft.subject);
    expect(got.headers.get('reply-to')).toBe('collections@callsheet-demo.example');
    expect(got.headers.get('message-id')).toMatch(/^<outreach\..+@callsheet-demo\.example>$/);
    expect(got.headers.get('content-type')).toMatch(/multipart\/alternative/);
    const body = decodeQp(got.raw);
    expect(body).toMatch(/Content-Type: text\/plain/);
    expect(body).toMatch(/Content-Type: text\/html/);
    for (const i of draft.invoices) expect(body).toContain(i.number);
    expect(body).toContain('Wire to IBAN XX00 1234');

    const kpis = await computeKpis({ store, now: systemClock }, { month: '2027-05', today: DAY });
    expect(kpis.ok && kpis.value.months[0]!.team).toMatchObject({
      emailsSent: eligible.length,
      deliveryFailures: 0,
    });

    const again = await send();
    expect(again.queued).toBe(0);
    expect(again.drain.sent).toBe(0);
    expect(sink!.received).toHaveLength(eligible.length);
  });

  it('writes to no customer with a promise pending, and about no disputed invoice', async () => {
    const r = await send();
    const pending = await store.sql.query<{ customer_id: number }>(
      `SELECT DISTINCT customer_id FROM promises WHERE status = 'open' AND due_on >= $1::date`,
      [DAY],
    );
    const sentTo = new Set(r.batch.drafts.map((d) => d.customerId));
    for (const p of pending) expect(sentTo.has(Number(p.customer_id))).toBe(false);
    const disputed = await store.sql.query<{ number: string }>(
      `SELECT i.number FROM invoices i WHERE i.disputed
        OR EXISTS (SELECT 1 FROM disputes d WHERE d.invoice_id = i.id AND d.status = 'open')`,
    );
    const named = new Set(r.batch.drafts.flatMap((d) => d.invoices.map((i) => i.number)));
    for (const d of disputed) expect(named.has(d.number)).toBe(false);
  });

  it("threads a customer's next message under the previous one", async () => {
    const first = await send();
    const second = await send({}, '2027-05-31');
    const again = second.batch.drafts.find((d) =>
      first.batch.drafts.some((f) => f.customerId === d.customerId),
    );
    expect(again).toBeDefined();
    const mails = sink!.received.filter((m) => m.to[0] === again!.to.email);
    expect(mails).toHaveLength(2);
    const [one, two] = mails as [(typeof mails)[0], (typeof mails)[0]];
    expect(two.headers.get('in-reply-to')).toBe(one.headers.get('message-id'));
    expect(two.headers.get('references')).toContain(one.headers.get('message-id')!);
  });

  it('retries a temporary failure (4xx) and then delivers', async () => {
    const r = await send({ temporaryFailures: 2 });
    expect(r.drain.retried).toBe(2);
    expect(r.drain.failed).toEqual([]);
    expect(r.drain.sent).toBe(r.batch.drafts.length);
    expect(sink!.received).toHaveLength(r.batch.drafts.length);
  });

  it('records a refusal (5xx) with the reason, raises an alert and shows it in the status', async () => {
    const batch = await planOutreachBatch({ store, now: systemClock }, { asOf: DAY });
    const victim = batch.drafts[1]!.to.email;
    const r = await send({ refuse: (rcpt) => rcpt === victim });
    expect(r.drain.failed.map((f) => f.toEmail)).toEqual([victim]);
    expect(r.drain.failed[0]!.error).toMatch(/^550/);
    expect(r.drain.sent).toBe(r.batch.drafts.length - 1);
    const alerts = await store.sql.query<{ message: string }>(
      "SELECT message FROM alerts WHERE kind = 'delivery_failure'",
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.message).toContain(victim);
    const status = await outreachStatus({ store, now: systemClock }, { day: DAY });
    expect(status.counts.failed).toBe(1);
    expect(status.problems[0]!.toEmail).toBe(victim);
    const onAccount = await accountMessages(store.sql, r.drain.failed[0]!.customerId);
    expect(onAccount[0]).toMatchObject({ status: 'failed', to: victim });
    expect(onAccount[0]!.problem).toMatch(/^550/);
  });

  it('survives a connection dropped mid-batch: each message delivered once', async () => {
    const r = await send({ dropAt: 3 });
    expect(r.drain.sent).toBe(r.batch.drafts.length);
    const ids = sink!.received.map((m) => m.headers.get('message-id'));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(r.batch.drafts.length);
  });
});

describe('follow-ups after a logged call', () => {
  async function logPromise(collectorCode: string) {
    const [c] = await store.sql.query<{ customer_id: number; collector_id: number }>(
      `SELECT k.customer_id, l.id AS collector_id FROM contacts k, collectors l
        WHERE k.email IS NOT NULL AND k.role = 'ap' AND l.code = $1 ORDER BY k.customer_id LIMIT 1`,
      [collectorCode],
    );
    const at = new Date(Date.now() - 3_600_000).toISOString();
    const [row] = await store.sql.query<{ id: number }>(
      `INSERT INTO interactions (customer_id, collector_id, occurred_at, outcome, amount, on_date, actor, source, idempotency_key)
       VALUES ($1, $2, $3::timestamptz, 'promised', 1234.56, '2027-06-04', $4, 'cli', $5) RETURNING id`,
      [c!.customer_id, c!.collector_id, at, collectorCode, `test-${Math.random()}`],
    );
    return { interactionId: row!.id, customerId: Number(c!.customer_id) };
  }

  it('confirms a promise once, and not for a collector who writes their own', async () => {
    const [collector] = await store.sql.query<{ code: string }>(
      'SELECT code FROM collectors ORDER BY id LIMIT 1',
    );
    const logged = await logPromise(collector!.code);
    const mail = await mailTo();
    try {
      const r = await sendFollowUps({ store, now: systemClock }, mail, actor);
      expect(r.queued).toBeGreaterThanOrEqual(1);
      const confirmation = sink!.received.find((m) =>
        /Confirming your payment of \$1,234\.56 by Jun 4, 2027/.test(m.headers.get('subject') ?? ''),
      );
      expect(confirmation).toBeDefined();
      const again = await sendFollowUps({ store, now: systemClock }, mail, actor);
      expect(again.queued).toBe(0);
      const [ledger] = await store.sql.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM outreach_messages WHERE interaction_id = $1',
        [logged.interactionId],
      );
      expect(ledger!.n).toBe(1);

      await writeSettings(
        store.sql,
        outreachSettings,
        { followUpOptOut: [collector!.code] },
        { actor: 'test', source: 'cli' },
      );
      const second = await logPromise(collector!.code);
      const before = sink!.received.length;
      const skipped = await sendFollowUps({ store, now: systemClock }, mail, actor);
      expect(skipped.skipped).toBeGreaterThanOrEqual(1);
      expect(sink!.received).toHaveLength(before);
      const [row] = await store.sql.query<{ status: string }>(
        'SELECT status::text AS status FROM outreach_messages WHERE interaction_id = $1',
        [second.interactionId],
      );
      expect(row!.status).toBe('cancelled');
    } finally {
      mail.mailer.close();
      await writeSettings(
        store.sql,
        outreachSettings,
        { followUpOptOut: [] },
        { actor: 'test', source: 'cli' },
      );
    }
  });
});
