import { describe, expect, it } from 'vitest';
import { BackgroundWork, within } from '../../../../src/adapters/slack/answer-in-time.ts';

describe('within', () => {
  it('gives the value when the work finishes in time', async () => {
    expect(await within(Promise.resolve(42), 1000)).toEqual({ done: true, value: 42 });
  });

  it('hands the still-running work back when it is late', async () => {
    const slow = new Promise<number>((resolve) => setTimeout(() => resolve(7), 50));
    const outcome = await within(slow, 5);
    expect(outcome.done).toBe(false);
    if (!outcome.done) expect(await outcome.later).toBe(7);
  });
});

describe('BackgroundWork', () => {
  it('drains every task, reporting failures instead of throwing', async () => {
    const errors: unknown[] = [];
    const work = new BackgroundWork((err) => errors.push(err));
    const done: number[] = [];
    work.run(async () => {
      await new Promise((r) => setTimeout(r, 20));
      done.push(1);
    });
    work.run(async () => {
      throw new Error('boom');
    });
    await work.drain();
    expect(done).toEqual([1]);
    expect(errors).toHaveLength(1);
  });
});
