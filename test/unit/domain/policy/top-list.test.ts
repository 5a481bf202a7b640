import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignCollectors } from '../../../../src/domain/policy/assign-collectors.ts';
import { selectTopList, type TopListCandidate } from '../../../../src/domain/policy/top-list.ts';

const candidate = fc.record({
  code: fc.stringMatching(/^[A-Z]{1,3}[0-9]{0,2}$/),
  overdueCents: fc.integer({ min: 0, max: 10_000_000 }),
  pinned: fc.boolean(),
});
const candidates = fc
  .uniqueArray(candidate, { selector: (c) => c.code, maxLength: 60 })
  .map((cs) =>
    cs.map(
      ({ pinned, ...c }): TopListCandidate => (pinned && c.overdueCents % 7 === 0 ? { ...c, forced: 0 } : c),
    ),
  );

describe('the top list', () => {
  it('is the smallest set covering the target: the largest balances first', () => {
    const top = selectTopList(
      [
        { code: 'A', overdueCents: 100 },
        { code: 'B', overdueCents: 700 },
        { code: 'C', overdueCents: 150 },
        { code: 'D', overdueCents: 50 },
      ],
      { coveragePct: 80, capacity: 10 },
    );
    expect(top).toEqual({ codes: ['B', 'C'], totalOverdueCents: 1000, coveredCents: 850, overflow: [] });
  });

  it('always takes pinned accounts, then the largest balances', () => {
    const top = selectTopList(
      [
        { code: 'SMALL', overdueCents: 10, forced: 0 },
        { code: 'BIG', overdueCents: 1000 },
      ],
      { coveragePct: 50, capacity: 5 },
    );
    expect(top.codes).toEqual(['SMALL', 'BIG']);
  });

  it('never exceeds capacity, and reaches the coverage target or the capacity', () => {
    fc.assert(
      fc.property(
        candidates,
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 100 }),
        (cs, capacity, pct) => {
          const top = selectTopList(cs, { coveragePct: pct, capacity });
          expect(top.codes.length).toBeLessThanOrEqual(capacity);
          const reached = top.coveredCents * 100 >= top.totalOverdueCents * pct;
          const owed = cs.filter((c) => c.overdueCents > 0 || c.forced !== undefined).length;
          expect(reached || top.codes.length === capacity || top.codes.length === owed).toBe(true);
          const pinned = cs.filter((c) => c.forced === 0).map((c) => c.code);
          for (const code of pinned)
            expect(top.codes.includes(code) || top.overflow.includes(code)).toBe(true);
        },
      ),
    );
  });

  it('breaks ties by customer code whatever the input order', () => {
    fc.assert(
      fc.property(candidates, fc.integer({ min: 1, max: 30 }), (cs, capacity) => {
        const tied = cs.map((c) => ({ ...c, overdueCents: c.overdueCents > 0 ? 500 : 0 }));
        const a = selectTopList(tied, { coveragePct: 80, capacity });
        const b = selectTopList([...tied].reverse(), { coveragePct: 80, capacity });
        expect(b).toEqual(a);
        const balance = a.codes.filter((code) => tied.find((c) => c.code === code)?.forced === undefined);
        expect(balance).toEqual([...balance].sort());
      }),
    );
  });
});

describe('assigning the top list to collectors', () => {
  const holders = [
    { id: 1, code: 'ava', capacity: 2 },
    { id: 2, code: 'ben', capacity: 3 },
  ];

  it('keeps each account with its collector and spreads the unassigned over spare capacity', () => {
    const rows = [
      { code: 'A', collectorId: 1 },
      { code: 'B', collectorId: 1 },
      { code: 'C', collectorId: 1 },
      { code: 'D', collectorId: null },
      { code: 'E', collectorId: 99 },
    ];
    const { byCollector, overflow } = assignCollectors(rows, holders);
    expect(byCollector.get(1)!.map((r) => r.code)).toEqual(['A', 'B']);
    expect(byCollector.get(2)!.map((r) => r.code)).toEqual(['D', 'E']);
    expect(overflow.map((r) => r.code)).toEqual(['C']);
  });

  it('never fills a sheet over capacity, loses no row, and places an unassigned customer stably', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[A-Z]{2,4}$/), { maxLength: 30 }),
        fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 4 }),
        (codes, caps) => {
          const hs = caps.map((capacity, k) => ({ id: k + 1, code: `c${k}`, capacity }));
          const rows = codes.map((code, k) => ({
            code,
            collectorId: k % 3 === 0 ? null : (k % caps.length) + 1,
          }));
          const { byCollector, overflow } = assignCollectors(rows, hs);
          for (const h of hs) expect(byCollector.get(h.id)!.length).toBeLessThanOrEqual(h.capacity);
          const placed = [...byCollector.values()].flat().length + overflow.length;
          expect(placed).toBe(rows.length);
          const again = assignCollectors(rows, hs);
          expect([...again.byCollector.entries()]).toEqual([...byCollector.entries()]);
        },
      ),
    );
  });
});
