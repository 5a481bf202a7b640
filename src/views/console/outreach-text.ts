// The outreach batch and the ledger as console text (`callsheet outreach preview|send|status`).
import type { OutreachBatch } from '../../app/outreach/plan-outreach-batch.ts';
import type { OutreachStatus, SendBatchResult } from '../../app/outreach/send-batch.ts';
import { totalText } from '../../domain/outreach/message-view.ts';

const kindWords = (kind: string) => kind.replace(/_/g, ' ');

/** "Today's automated batch: 312 e-mails to 287 customers, $1.2M" */
export function batchHeadline(batch: OutreachBatch): string {
  const { emails, customers, totals } = batch.summary;
  return `Automated batch for ${batch.asOf}: ${emails} e-mail${emails === 1 ? '' : 's'} to ${customers} customer${
    customers === 1 ? '' : 's'
  }, ${totals.length ? totalText(totals) : '$0.00'}`;
}

export function batchText(batch: OutreachBatch, limit = 50): string {
  const lines = [batchHeadline(batch)];
  const sample = batch.drafts[0];
  if (sample) {
    lines.push(
      '',
      `Sample — to ${sample.to.name} <${sample.to.email}>`,
      `Subject: ${sample.subject}`,
      '',
      sample.text.trim(),
    );
  }
  if (batch.drafts.length) {
    lines.push('', 'Messages:');
    for (const d of batch.drafts.slice(0, limit))
      lines.push(
        `  ${d.code.padEnd(10)} ${kindWords(d.kind).padEnd(18)} ${totalText(d.totals).padStart(14)}  ${d.to.email}`,
      );
    if (batch.drafts.length > limit)
      lines.push(`  … and ${batch.drafts.length - limit} more (--limit to see them)`);
  }
  if (batch.manual.length) {
    lines.push('', `For a person (${batch.manual.length}):`);
    for (const m of batch.manual.slice(0, limit)) lines.push(`  ${m.code.padEnd(10)} ${m.detail}`);
  }
  if (batch.held.length) {
    lines.push('', `Held back (${batch.held.length}):`);
    for (const h of batch.held.slice(0, limit)) lines.push(`  ${h.code.padEnd(10)} ${h.detail}`);
  }
  return `${lines.join('\n')}\n`;
}

export function sendText(r: SendBatchResult): string {
  const d = r.drain;
  const lines = [
    batchHeadline(r.batch),
    `Queued ${r.queued} new; sent ${d.sent}; ${d.retried} temporary failure${d.retried === 1 ? '' : 's'} retried; ${d.failed.length} failed; ${d.waiting} still queued.`,
  ];
  for (const f of d.failed) lines.push(`  FAILED ${f.customerCode} <${f.toEmail}>: ${f.error}`);
  for (const u of d.uncertain)
    lines.push(`  UNCERTAIN #${u.id} ${u.customerCode} <${u.toEmail}>: ${u.error}`);
  if (r.batch.manual.length)
    lines.push(
      `${r.batch.manual.length} customer(s) need a person: \`callsheet outreach preview\` lists them.`,
    );
  return `${lines.join('\n')}\n`;
}

export function statusText(s: OutreachStatus): string {
  const counts = Object.entries(s.counts)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  const lines = [`Outreach on ${s.day}: ${counts || 'nothing queued'}`];
  for (const p of s.problems)
    lines.push(
      `  ${p.status.toUpperCase()} #${p.id} ${p.customerCode} ${kindWords(p.kind)} <${p.toEmail}>: ${p.error ?? p.response ?? ''}`,
    );
  return `${lines.join('\n')}\n`;
}
