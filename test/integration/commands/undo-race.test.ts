// An Undo button clicked ten times at once (a Slack double-click, a retry storm) undoes the change
// once: one undo row, one "Undone" reply, the others told it is already undone — by plain undo
// and by the button's token alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore } from '../../support/test-store.ts';
import { addCustomers, count, type Runner, runner } from './fixture.ts';

let store: TestStore;
let run: Runner;
beforeAll(async () => {
  store = await openTestStore();
  await addCustomers(store);
  run = runner(store);
});
afterAll(() => store.close());

async function raceUndo(line: string) {
  const logged = await run(line);
  const token = logged.actions?.find((a) => a.kind === 'undo');
  expect(token?.kind).toBe('undo');
  const id = Number(token?.kind === 'undo' ? token.token : NaN);
  return { id, token: String(id) };
}

describe('racing undo requests', () => {
  it.each([
    ['plain undo (of the only change)', ''],
    ['undo by token', 'token'],
  ])('%s: ten at once undo the change once', async (_, by) => {
    const { id, token } = await raceUndo('logcall TESTCO promised 700 by 6/3');
    const replies = await Promise.all(
      Array.from({ length: 10 }, () => run(`undo ${by ? token : ''}`.trim())),
    );
    const undone = replies.filter((r) => r.title.startsWith('Undone: '));
    expect(undone).toHaveLength(1);
    // A plain undo that starts after the first one committed finds nothing left to undo.
    for (const r of replies.filter((r) => !r.title.startsWith('Undone: ')))
      expect(r).toMatchObject({
        tone: 'info',
        title: expect.stringMatching(/^(Already undone: |Nothing to undo)/),
      });
    expect(await count(store, `interactions WHERE outcome = 'undo' AND corrects_id = $1`, [id])).toBe(1);
    expect(await count(store, `promises WHERE interaction_id = $1 AND status = 'cancelled'`, [id])).toBe(1);
  });
});
