// `help [command]`: every command in a few lines, or one command in detail.

import { ownEntry } from '../../domain/own-entry.ts';
import type { Reply } from '../reply.ts';
import { usageOf } from './usage.ts';

const COMMANDS: [usage: string, what: string][] = [
  [usageOf('logcall'), 'log a call: `logcall ACME promised 5k by 5/30`'],
  [usageOf('calls'), 'your call sheet for today (managers: the team)'],
  [usageOf('sheet'), 'a sheet with its row buttons: yours, or (managers) a collector’s'],
  [usageOf('account'), 'balance, aging, promises, disputes, recent calls, contacts'],
  [usageOf('promises'), 'open promises to pay'],
  [usageOf('undo'), 'reverse your last change (within 15 minutes)'],
  [usageOf('assign'), 'managers: give an account to a collector'],
  [`${usageOf('hold')} / ${usageOf('release')}`, 'managers: credit hold until paid'],
  [
    `${usageOf('bind')} / ${usageOf('unbind')}`,
    'managers, in a channel: post sheets, alerts or the summary there',
  ],
  [usageOf('settings'), 'managers: the business settings'],
  [usageOf('digest'), 'managers: post this morning’s sheets now'],
  [usageOf('help'), 'this list, or one command in detail'],
];

const DETAIL: Record<string, string[]> = {
  logcall: [
    'Customer: code, name, "quoted name" or a unique prefix (case and punctuation do not matter).',
    'promised|ptp [amount] [by] <date> — no amount means the overdue balance',
    'plan <total> in <n> weekly|monthly from <date> — each instalment is a promise',
    'disputed [invoice] [reason] — pauses dunning on the invoice',
    'no answer|na · vm|left vm · wrong number · note <text>',
    'paid [amount] [date] [ref X] — a claimed payment, counted once the ledger shows it',
    'callback <date> [time]',
    'Dates: 5/30, May 30, 2027-05-30, today, tomorrow, friday, next week, in 3 days, eom.',
    'Amounts: 5000, $5,000, 5k, 5.5k. Anything after the details is kept as the note.',
    'e.g. `logcall ACME ptp 5k by friday - spoke to Jane`',
  ],
  promises: [
    'promises — yours (made by you or on your accounts)',
    'promises overdue — yours past their date',
    'promises all — the whole team',
  ],
  undo: [
    'undo — reverses your last change from chat, within 15 minutes; nothing is deleted, the history shows both.',
  ],
  assign: ['assign ACME to ava — managers only; undo-able.'],
  hold: [
    'hold ACME [reason] — managers only; quote names with spaces: hold "Acme Corp" over limit',
    'release ACME — lifts it',
  ],
  bind: [
    'bind digests — collectors with no direct chat with the bot get their sheets in this channel',
    'bind digests ava — only ava’s sheets come here; bind alerts — the alert feed; bind team — the manager summary',
    'unbind alerts — stop posting them here. Managers only; type it in the channel (in Teams, @mention me; in Slack you may name it: bind alerts #collections).',
  ],
  settings: [
    'settings — the settings that differ from their defaults',
    'settings set policy.lateness.lateDays 45 · settings reset policy.lateness.lateDays — managers only',
  ],
  sheet: ['sheet — your sheet with a button per row; sheet ava — managers: a collector’s sheet'],
  digest: ['digest — managers: post this morning’s sheets and the team summary now; digest ava — only ava’s'],
  account: [
    'account ACME — open and overdue balance, aging, credit limit, terms, hold, promises, plan, disputes, last calls, contacts',
  ],
};

export function helpReply(topic = ''): Reply {
  const key = topic.trim().toLowerCase().replace(/^\//, '');
  const detail = ownEntry(DETAIL, key === 'release' ? 'hold' : key === 'unbind' ? 'bind' : key);
  if (detail) return { tone: 'info', title: `help ${key}`, lines: detail, private: true };
  return {
    tone: 'info',
    title: 'Callsheet commands',
    table: { columns: ['Command', 'What it does'], rows: COMMANDS.map(([u, w]) => [u, w]) },
    lines: ['Type `help logcall` for the outcomes, dates and amounts it understands.'],
    private: true,
  };
}
