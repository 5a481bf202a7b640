// `help`: every command and the /logcall grammar in a few lines.
import type { Reply } from '../reply.ts';

export function helpReply(): Reply {
  return {
    tone: 'info',
    title: 'Callsheet commands',
    table: {
      columns: ['Command', 'What it does'],
      rows: [
        ['logcall <customer> <outcome> [details]', 'log a call: `logcall ACME promised 5k by 5/30`'],
        ['calls', 'your call sheet for today'],
        ['account <customer>', 'balance, aging, promises, disputes, recent calls, contacts'],
        ['promises [mine|overdue|all]', 'open promises to pay'],
        ['undo', 'reverse your last change (within 15 minutes)'],
        ['assign <customer> to <collector>', 'managers: give an account to a collector'],
        ['hold <customer> [reason] / release <customer>', 'managers: credit hold until paid'],
        ['help', 'this list'],
      ],
    },
    lines: [
      'Outcomes: promised|ptp [amount] [by] <date> · plan <total> in <n> weekly|monthly from <date> · disputed [invoice] [reason] · no answer|na · vm|left vm · paid [amount] [date] [ref X] · callback <date> [time] · wrong number · note <text>',
      'Customers by code, name, "quoted name" or a unique prefix. Dates: 5/30, May 30, 2027-05-30, today, tomorrow, friday, next week, in 3 days, eom. Amounts: 5000, $5,000, 5k, 5.5k.',
    ],
    private: true,
  };
}
