import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DISPLAY } from '../../../../src/domain/money-text.ts';
import { type AccountInputs, emptyAccount } from '../../../../src/domain/policy/account-inputs.ts';
import { payHistoryOf } from '../../../../src/domain/policy/lateness/pay-history.ts';
import { addSample, peerSums } from '../../../../src/domain/policy/lateness/peer-priors.ts';
import { byPriority } from '../../../../src/domain/policy/list-order.ts';
import { dayPriors, lateCallDue, planDay, reservedReason } from '../../../../src/domain/policy/plan-day.ts';
import { DEFAULT_POLICY } from '../../../../src/domain/policy/policy-settings.ts';

const AS_OF = '2027-05-28';
const L = DEFAULT_POLICY.lateness;

const account = fc
  .record({
    n: fc.integer({ min: 0, max: 9_999 }),
    collector: fc.constantFrom(1, 2, 3, null),
    pinned: fc.boolean(),
    late: fc.integer({ min: -10, max: 90 }),
    history: fc.integer({ min: 0, max: 24 }),
    open: fc.array(
      fc.record({ dpd: fc.integer({ min: -40, max: 120 }), cents: fc.integer({ min: 100, max: 5_000_000 }) }),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .map((a): AccountInputs => {
    const overdue = a.open.filter((i) => i.dpd > 0);
    return emptyAccount(`C${String(a.n).padStart(4, '0')}`, {
      customerId: a.n + 1,
      collectorId: a.collector,
      pinned: a.pinned && a.n % 9 === 0,
      openCents: a.open.reduce((s, i) => s + i.cents, 0),
      overdueCents: overdue.reduce((s, i) => s + i.cents, 0),
      oldestDueDate: overdue.length ? `2027-0${overdue.length}-01` : null,
      nextDueDate: a.open.some((i) => i.dpd <= 0) ? '2027-06-10' : null,
      open: a.open.map((i, k) => ({ id: a.n * 10 + k, ...i })),
      history: payHistoryOf(
        {
          daysLate: Array.from({ length: a.history }, () => a.late),
          daysAgo: Array.from({ length: a.history }, (_, k) => k * 15),
          cents: Array.from({ length: a.history }, () => 100_000),
        },
        L.lateDays,
        L.halfLifeDays,
      ),
    });
  });
const accounts = fc.uniqueArray(account, { selector: (a) => a.code, maxLength: 40 });
const holders = fc
  .tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }))
  .map(([a, b, c]) => [
    { id: 1, code: 'ava', capacity: a },
    { id: 2, code: 'hiro', capacity: b },
    { id: 3, code: 'olga', capacity: c },
  ]);

/** Ava's account with one open invoice, its id the code's first character. */
const oneInvoice = (code: string, dpd: number, cents: number, extra: Partial<AccountInputs> = {}) =>
  emptyAccount(code, {
    customerId: code.charCodeAt(0),
    collectorId: 1,
    openCents: cents,
    overdueCents: dpd > 0 ? cents : 0,
    oldestDueDate: dpd > 0 ? '2027-05-01' : null,
    nextDueDate: dpd > 0 ? null : '2027-06-20',
    open: [{ id: code.charCodeAt(0), dpd, cents }],
    ...extra,
  });

describe('the day plan', () => {
  it('never exceeds a collector’s capacity, and fills it while anyone with expected late dollars is left', () => {
    fc.assert(
      fc.property(accounts, holders, fc.boolean(), fc.constantFrom(0, 0.05, 0.2), (as, hs, lend, share) => {
        const plan = planDay(
          { accounts: as },
          hs,
          AS_OF,
          { ...DEFAULT_POLICY, lendOverflow: lend, oldestShare: share },
          DEFAULT_DISPLAY,
        );
        for (const h of hs) expect(plan.sheets.get(h.id)?.length ?? 0).toBeLessThanOrEqual(h.capacity);
        const listed = [...plan.sheets.values()].flat();
        expect(new Set(listed.map((p) => p.account.code)).size).toBe(listed.length);
        if (lend) {
          const candidates = plan.accounts.filter(
            (p) => p.forced !== null || (p.lateness.expectedLateCents > 0 && p.lateness.callableCents > 0),
          );
          const capacity = hs.reduce((s, h) => s + h.capacity, 0);
          expect(listed.length).toBe(Math.min(capacity, candidates.length));
          // The list is the best of the candidates, but for the places kept for the oldest debts:
          // nothing left off ranks before anything listed for its priority.
          expect(listed.filter((p) => p.reserved).length).toBeLessThanOrEqual(Math.round(capacity * share));
          const onList = new Set(listed.map((p) => p.account.code));
          const worstListed = listed
            .filter((p) => !p.reserved)
            .sort(byPriority)
            .at(-1);
          for (const p of candidates)
            if (!onList.has(p.account.code) && worstListed)
              expect(byPriority(p, worstListed)).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('is the same whatever the order of its input, and changes none of it', () => {
    fc.assert(
      fc.property(accounts, holders, (as, hs) => {
        const copy = structuredClone(as);
        const a = planDay({ accounts: as }, hs, AS_OF, DEFAULT_POLICY, DEFAULT_DISPLAY);
        const b = planDay({ accounts: [...as].reverse() }, hs, AS_OF, DEFAULT_POLICY, DEFAULT_DISPLAY);
        expect(as).toEqual(copy);
        const codes = (plan: typeof a) =>
          [...plan.sheets.entries()].map(([id, rows]) => [id, rows.map((p) => p.account.code)]);
        expect(codes(b)).toEqual(codes(a));
        expect(b.agency.map((x) => x.planned.account.code)).toEqual(
          a.agency.map((x) => x.planned.account.code),
        );
      }),
    );
  });

  it('counts and totals without assessing in full what the full assessment finds', () => {
    fc.assert(
      fc.property(accounts, holders, (as, hs) => {
        const plan = planDay({ accounts: as }, hs, AS_OF, DEFAULT_POLICY, DEFAULT_DISPLAY);
        expect(plan.automatedCount).toBe(plan.automated.length);
        expect(plan.heldCount).toBe(plan.held.length);
        for (const p of plan.automated)
          expect(p.treatment.step === 'none' || p.treatment.noDunning).toBe(false);
        for (const p of plan.held) expect(p.treatment.noDunning).toBe(true);
        // A collector's part of the automated tier is the whole tier's, in the same order.
        for (const h of hs)
          expect(plan.automatedOf(h.id)).toEqual(
            plan.automated.filter((p) => p.account.collectorId === h.id),
          );
        const expected = plan.accounts.reduce((s, p) => s + p.lateness.expectedLateCents, 0);
        expect(plan.coverage.expectedLateCents).toBe(expected);
        // Read twice, the same accounts: what is assessed on demand is kept.
        expect(plan.accounts[0]).toBe(plan.accounts[0]);
      }),
      { numRuns: 300 },
    );
  });

  it('gets the same priors from the histories summed by segment as from every sample', () => {
    fc.assert(
      fc.property(accounts, (as) => {
        const sums = peerSums(L.lateDays);
        for (const a of as) addSample(sums, a, a.history);
        const plain = dayPriors({ accounts: as }, DEFAULT_POLICY);
        const summed = dayPriors({ accounts: as, historySums: sums }, DEFAULT_POLICY);
        for (const a of as) {
          const x = plain.of(a).grids[0]!.values;
          const y = summed.of(a).grids[0]!.values;
          for (let k = 0; k < x.length; k++) expect(y[k]).toBeCloseTo(x[k]!, 12);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('gives each collector the best of its own accounts when nothing is lent, however far down they are', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(account, { selector: (a) => a.code, minLength: 20, maxLength: 60 }),
        fc.integer({ min: 1, max: 3 }),
        (as, cap) => {
          // Most accounts are ava's, and her sheet is as small as the others': the sheets fill
          // only far down the order.
          const own = as.map((a, k) => ({ ...a, collectorId: k % 5 === 0 ? 2 : 1 }));
          const hs = [
            { id: 1, code: 'ava', capacity: cap },
            { id: 2, code: 'hiro', capacity: cap },
          ];
          const policy = { ...DEFAULT_POLICY, lendOverflow: false, oldestShare: 0 };
          const plan = planDay({ accounts: own }, hs, AS_OF, policy, DEFAULT_DISPLAY);
          const candidates = plan.accounts
            .filter(
              (p) => p.forced !== null || (p.lateness.expectedLateCents > 0 && p.lateness.callableCents > 0),
            )
            .sort(byPriority);
          for (const h of hs)
            expect(plan.sheets.get(h.id)?.map((p) => p.account.code) ?? []).toEqual(
              candidates
                .filter((p) => p.account.collectorId === h.id)
                .slice(0, cap)
                .map((p) => p.account.code),
            );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('puts pinned accounts and callbacks first, then the most expected late dollars', () => {
    const plan = planDay(
      {
        accounts: [
          oneInvoice('A', 20, 100_000),
          oneInvoice('B', 20, 900_000),
          oneInvoice('C', -20, 10_000, { pinned: true }),
          oneInvoice('D', 25, 5_000_000),
          oneInvoice('E', 70, 8_000_000), // all at the agency step: the manager's, not a call
        ],
      },
      [{ id: 1, code: 'ava', capacity: 3 }],
      AS_OF,
      DEFAULT_POLICY,
      DEFAULT_DISPLAY,
    );
    expect(plan.sheets.get(1)!.map((p) => p.account.code)).toEqual(['C', 'D', 'B']);
    expect(plan.agency.map((a) => [a.planned.account.code, a.cents])).toEqual([['E', 8_000_000]]);
    expect(plan.automated.map((p) => p.account.code)).toEqual(['A']);
  });

  it('ranks by odds given from outside the model when asked (a what-if), for the list and each invoice', () => {
    const input = {
      accounts: [oneInvoice('A', 20, 100_000), oneInvoice('B', 20, 900_000), oneInvoice('D', 25, 5_000_000)],
    };
    const plan = (odds?: (i: { id: number }, p: number) => number) =>
      planDay(
        { ...input, odds },
        [{ id: 1, code: 'ava', capacity: 2 }],
        AS_OF,
        { ...DEFAULT_POLICY, oldestShare: 0 },
        DEFAULT_DISPLAY,
      ).sheets.get(1)!;
    const modelled = plan();
    const law = plan((i) => (i.id === 'A'.charCodeAt(0) ? 1 : 0.01));
    expect(law.map((p) => p.account.code)).toEqual(['A', 'D']);
    expect(law.map((p) => p.lateness.invoices[0]!.p)).toEqual([1, 0.01]);
    expect(law[0]!.lateness.expectedLateCents).toBe(100_000);
    // The model's own p, given back unchanged, gives the model's own plan.
    expect(plan((_, p) => p)).toEqual(modelled);
  });

  it('keeps a share of the places for late debts that their dollars would not list', () => {
    const mk = (code: string, dpd: number, cents: number) =>
      emptyAccount(code, {
        customerId: code.charCodeAt(0),
        collectorId: 1,
        openCents: cents,
        overdueCents: cents,
        oldestDueDate: '2027-04-01',
        open: [{ id: code.charCodeAt(0), dpd, cents }],
      });
    const accounts = [
      mk('A', 35, 4_000_000),
      mk('B', 33, 3_000_000),
      mk('C', 32, 2_000_000),
      mk('D', 32, 1_000_000),
      mk('E', 46, 20_000), // small, and the oldest debt still with the callers
      mk('G', 38, 15_000), // small, late for a week today: its weekly call is due
      mk('F', 60, 9_000), // at the agency step: the manager's
    ];
    const plan = (policy: Partial<typeof DEFAULT_POLICY>, daysSinceLastSheet?: number) =>
      planDay(
        { accounts, ...(daysSinceLastSheet ? { daysSinceLastSheet } : {}) },
        [{ id: 1, code: 'ava', capacity: 4 }],
        AS_OF,
        { ...DEFAULT_POLICY, ...policy },
        DEFAULT_DISPLAY,
      ).sheets.get(1)!;
    const rows = (ps: ReturnType<typeof plan>) => ps.map((p) => [p.account.code, p.reserved ?? null]);
    expect(rows(plan({ oldestShare: 0 }))).toEqual([
      ['A', null],
      ['B', null],
      ['C', null],
      ['D', null],
    ]);
    const oldest = plan({ oldestShare: 0.25, lateCallEveryDays: 0 });
    expect(rows(oldest)).toEqual([
      ['A', null],
      ['B', null],
      ['C', null],
      ['E', 'oldest'],
    ]);
    expect(reservedReason(oldest[3]!, DEFAULT_POLICY)).toBe(
      'one of the oldest debts still with the callers: 46 days past due (a place is kept for them)',
    );
    // G turned late (31 days past due) a week ago: its call comes before E's older debt.
    const weekly = plan({ oldestShare: 0.25 });
    expect(rows(weekly).at(-1)).toEqual(['G', 'late_call']);
    expect(reservedReason(weekly[3]!, DEFAULT_POLICY)).toBe(
      "its late debt's call is due: 38 days past due, more than 30 (a place is kept for late debts)",
    );
    // Every 4 days, neither call is due today; E's older debt takes the place.
    expect(rows(plan({ oldestShare: 0.25, lateCallEveryDays: 4 })).at(-1)).toEqual(['E', 'oldest']);
  });

  it('gives a late debt its call on the first sheet day after it turns late, then every lateCallEveryDays', () => {
    const policy = { ...DEFAULT_POLICY, lateCallEveryDays: 7 };
    const at = (dpd: number, since = 1) => lateCallDue({ open: [{ id: 1, dpd, cents: 100 }] }, policy, since);
    expect([30, 31, 32, 37, 38, 39, 45].map((d) => at(d))).toEqual([
      false,
      true,
      false,
      false,
      true,
      false,
      true,
    ]);
    // It turned late on Saturday (31 days past due): its call is due on Monday, two days later.
    expect(at(33, 3)).toBe(true);
    expect(at(33, 1)).toBe(false);
    // Money at the agency step is the manager's, and a younger debt does not count for it.
    expect(lateCallDue({ open: [{ id: 1, dpd: 52, cents: 100 }] }, policy)).toBe(false);
    expect(
      lateCallDue(
        {
          open: [
            { id: 1, dpd: 52, cents: 100 },
            { id: 2, dpd: 38, cents: 100 },
          ],
        },
        policy,
      ),
    ).toBe(true);
    expect(at(38)).toBe(true);
    expect(lateCallDue({ open: [{ id: 1, dpd: 38, cents: 100 }] }, { ...policy, lateCallEveryDays: 0 })).toBe(
      false,
    );
  });

  it('gives a late debt its call on the sheet day that ends each cycle, whatever the days without sheets', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 31, max: 49 }), (every, start) => {
        const policy = { ...DEFAULT_POLICY, lateCallEveryDays: every };
        // Sheet days 1–3 days apart: a call is due exactly when a day since the last sheet is a
        // whole number of cycles after the debt turned late (31 days past due).
        let dpd = start;
        for (let k = 0; k < 40; k++) {
          const gap = 1 + (k % 3);
          dpd += gap;
          if (dpd >= DEFAULT_POLICY.ladder.agency) break;
          const isDue = lateCallDue({ open: [{ id: 1, dpd, cents: 1 }] }, policy, gap);
          const late = dpd - 31;
          const dueDays = Array.from({ length: gap }, (_, j) => late - j).filter(
            (x) => x >= 0 && x % every === 0,
          );
          expect(isDue).toBe(dueDays.length > 0);
        }
      }),
    );
  });

  it('lends an account to a colleague with room when its own collector’s sheet is full', () => {
    const mk = (code: string, cents: number) =>
      emptyAccount(code, {
        customerId: code.charCodeAt(0),
        collectorId: 1,
        openCents: cents,
        overdueCents: cents,
        oldestDueDate: '2027-05-10',
        open: [{ id: code.charCodeAt(0), dpd: 18, cents }],
      });
    const input = { accounts: [mk('A', 300_000), mk('B', 200_000), mk('C', 100_000)] };
    const hs = [
      { id: 1, code: 'ava', capacity: 1 },
      { id: 2, code: 'hiro', capacity: 1 },
    ];
    const lent = planDay(input, hs, AS_OF, DEFAULT_POLICY, DEFAULT_DISPLAY);
    expect(lent.sheets.get(2)!.map((p) => p.account.code)).toEqual(['B']);
    const kept = planDay(input, hs, AS_OF, { ...DEFAULT_POLICY, lendOverflow: false }, DEFAULT_DISPLAY);
    expect(kept.sheets.get(2)).toEqual([]);
    expect(kept.overCapacity.map((p) => p.account.code)).toEqual(['B']);
  });
});
