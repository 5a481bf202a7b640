// Commands made of the grammar's own words in random orders (dates, amounts, outcomes, plans, and
// names every JavaScript object answers to): whatever the order, the reply is a titled answer made
// of text, never the apology for an unexpected failure.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTestStore, type TestStore } from '../../support/test-store.ts';
import { addCustomers, type Runner, runner } from './fixture.ts';

let store: TestStore;
let run: Runner;
beforeAll(async () => {
  store = await openTestStore();
  await addCustomers(store);
  run = runner(store);
});
afterAll(() => store.close());

const words = fc.constantFrom(
  'logcall',
  'TESTCO',
  'TESTA',
  'promised',
  'ptp',
  'paid',
  'dispute',
  'callback',
  'plan',
  'in',
  'next',
  'at',
  'by',
  'on',
  'the',
  '5/30',
  '2027-06-01',
  '5k',
  '$1,000',
  'x3',
  'weekly',
  'monthly',
  'from',
  'friday',
  'may',
  '30',
  '30th',
  'of',
  'constructor',
  '__proto__',
  'toString',
  'inv',
  '#',
  'INV-1',
  '"',
  "'",
  'note',
  'na',
  'vm',
  'account',
  'undo',
  'hold',
  'release',
  'assign',
  'to',
  'ava',
  'help',
  'settings',
  'set',
  'reset',
  'policy.oldestShare',
  '0.2',
  'bind',
  'digests',
  'sheet',
  'promises',
  'all',
  'mine',
  'overdue',
  '-5',
  '1e309',
  'NaN',
  'Infinity',
  '€5',
  'EUR',
  'tomorrow',
  'today',
  'yesterday',
  'ago',
  'days',
  'week',
  'noon',
  'pm',
  '12:99',
  '25:00',
);
it('answers any sequence of command words with a titled reply, never an unexpected failure', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(words, { maxLength: 9 }), fc.constantFrom('morgan', 'ava'), async (ws, as) => {
      const reply = await run(ws.join(' '), { as });
      expect(typeof reply.title).toBe('string');
      expect(reply.title.length).toBeGreaterThan(0);
      expect(reply.title).not.toMatch(/Something went wrong/);
      for (const l of reply.lines ?? []) expect(typeof l).toBe('string');
    }),
    { numRuns: 300 },
  );
}, 120_000);
