import { describe, expect, it } from 'vitest';
import { judgePromises, type PromiseFacts } from '../../../src/domain/promises.ts';

const promise = (id: number, amountCents: number, dueOn: string, madeOn = '2027-05-28'): PromiseFacts => ({
  id,
  amountCents,
  madeOn,
  dueOn,
  status: 'open',
});
const pay = (receivedOn: string, amountCents: number) => ({ receivedOn, amountCents });

describe('promise lifecycle', () => {
  it('is kept when payments after it cover its amount by its date', () => {
    expect(
      judgePromises([promise(1, 5000, '2027-06-01')], [pay('2027-05-31', 5000)], '2027-06-10', 3),
    ).toEqual([{ id: 1, status: 'kept', coveredCents: 5000 }]);
  });

  it('counts payments within the grace days, not after them', () => {
    const p = [promise(1, 5000, '2027-06-01')];
    expect(judgePromises(p, [pay('2027-06-04', 5000)], '2027-06-10', 3)[0]!.status).toBe('kept');
    expect(judgePromises(p, [pay('2027-06-05', 5000)], '2027-06-10', 3)[0]!.status).toBe('broken');
  });

  it('ignores payments made before the promise', () => {
    expect(
      judgePromises([promise(1, 5000, '2027-06-01')], [pay('2027-05-27', 5000)], '2027-06-10', 3)[0],
    ).toEqual({
      id: 1,
      status: 'broken',
      coveredCents: 0,
    });
  });

  it('stays open while its window runs, with what is covered so far', () => {
    expect(
      judgePromises([promise(1, 5000, '2027-06-01')], [pay('2027-05-30', 2000)], '2027-06-04', 3)[0],
    ).toEqual({
      id: 1,
      status: 'open',
      coveredCents: 2000,
    });
  });

  it('counts each payment once, earliest promise first (plan instalments)', () => {
    const plan = [promise(1, 5000, '2027-06-01'), promise(2, 5000, '2027-07-01')];
    const verdicts = judgePromises(plan, [pay('2027-05-31', 6000)], '2027-07-10', 3);
    expect(verdicts).toEqual([
      { id: 1, status: 'kept', coveredCents: 5000 },
      { id: 2, status: 'broken', coveredCents: 1000 },
    ]);
  });

  it('lets kept promises keep their payments', () => {
    const kept: PromiseFacts = { ...promise(1, 5000, '2027-06-01'), status: 'kept' };
    const verdicts = judgePromises(
      [kept, promise(2, 5000, '2027-06-02')],
      [pay('2027-06-01', 5000)],
      '2027-06-10',
      0,
    );
    expect(verdicts.map((v) => v.status)).toEqual(['kept', 'broken']);
  });

  it('does not count payments after asOf (backtests)', () => {
    expect(
      judgePromises([promise(1, 5000, '2027-06-01')], [pay('2027-06-02', 5000)], '2027-06-01', 3)[0]!.status,
    ).toBe('open');
  });
});
