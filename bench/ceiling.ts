// How much could any model of the mixed demo cover? The backtest's hindsight ceiling knows the
// outcomes; this knows only what the demo generator knows: each customer's payment habit and the
// law of its pay delays (src/demo/company.ts), not the random draws. For every open invoice, p is
// P(paid more than L days past due, or never | unpaid at its age) under that law, by simulation;
// each day the customers with the most Σ still-early open × p are called. Two such lists:
// - "habits known": the habit and its law, without the days inside the period on which delinquent
//   customers stop paying and disputers stop paying a third of their invoices (no ledger shows
//   those in advance);
// - "habits and stop days known": the generator's whole law.
// Scored by the backtest itself beside the baselines, on the medium mixed demo of 2026-12-03,
// 2026-08-03 to 2026-10-30, at the team's capacity (150) and at 50 calls. Then Callsheet's own list
// (its agency step and places kept for late debts) replayed with the law's p in place of the model's:
// what a perfect model of the habits would cover inside the list, for several shares of kept places,
// ranked as the engine ranks (money already late counts) and by still-early money alone. Then, per
// habit, the lateness model's mean p against this law's and against what happened (dollar-weighted
// over the invoice-days). PGlite in memory by default; BENCH_DATABASE_URL runs it on a disposable
// database; CEILING_FROM and CEILING_TO replay another period of the same demo, CEILING_SHARES
// other shares of kept places.
import {
  type BacktestPolicy,
  businessDays,
  type PolicyReport,
  replayedPolicy,
  runBacktest,
} from '../src/app/backtest.ts';
import { policySettings } from '../src/app/policy-settings.ts';
import { habitOf, payDelay, roleFor } from '../src/demo/company.ts';
import { loadDemo } from '../src/demo/load-demo.ts';
import { createRng, hashSeed } from '../src/demo/random.ts';
import { daysBetween, type IsoDate, weekday } from '../src/domain/calendar.ts';
import { centsFromDecimal } from '../src/domain/money.ts';
import type { InvoiceOdds } from '../src/domain/policy/lateness/assess-lateness.ts';
import { openStore } from '../src/store/open-store.ts';
import { readSettings } from '../src/store/settings.ts';

const TODAY = '2026-12-03' as IsoDate;
const SEED = 42;
const FROM = (process.env.CEILING_FROM ?? '2026-08-03') as IsoDate;
const TO = (process.env.CEILING_TO ?? '2026-10-30') as IsoDate;
/** Shares of places kept for late debts (`policy.oldestShare`) tried in Callsheet's list with the law's p. */
const SHARES = (process.env.CEILING_SHARES ?? '0,0.03,0.05,0.15').split(',').map(Number);
const L = 30;
/** Simulated pay delays per invoice: p to about ±1 point. */
const DRAWS = 2000;

interface Invoice {
  id: number;
  customerId: number;
  issue: IsoDate;
  due: IsoDate;
  cents: number;
  /** Payments applied, in date order: [day, cents paid so far]. */
  paid: [IsoDate, number][];
  habit: ReturnType<typeof habitOf>;
  role: ReturnType<typeof roleFor>;
  /** The customer's n-th invoice, from 0 (the disputer's law depends on it). */
  n: number;
  /** Sorted simulated days from issue to payment in full (Infinity: never), by law. */
  draws: Map<boolean, Float64Array>;
}

/** The demo moves a payment due on a weekend to the Monday (its businessDay). */
const weekendShift = (issueWeekday: number, days: number) => {
  const wd = (issueWeekday + days) % 7;
  return wd === 6 ? days + 2 : wd === 0 ? days + 1 : days;
};

const rng = createRng(hashSeed(SEED, 'ceiling'));

/** A policy's still-early late $ covered, all late $ covered and lead days, on one line. */
const row = (p: PolicyReport) =>
  `  ${p.label.padEnd(58)} ${p.summary.earlyCoveragePct?.toFixed(1).padStart(5)}%  ${p.summary.coveragePct?.toFixed(1).padStart(5)}%  ${p.summary.avgLeadDays?.toFixed(1).padStart(5)} d`;

function simulate(inv: Invoice, stopDaysKnown: boolean): Float64Array {
  const terms = daysBetween(inv.issue, inv.due);
  const realAge = daysBetween(inv.issue, TODAY);
  // Without the stop days, a delinquent customer's or disputer's invoice is drawn as if it were old
  // enough to be paid by habit; those who never pay stopped months before the period, which their
  // ledger shows, so theirs is known either way.
  const stopUnknown =
    !stopDaysKnown &&
    (inv.habit === 'disputer' || inv.role === 'broken_promise' || inv.role === 'no_answer_streak');
  const age = stopUnknown ? Math.max(realAge, 200) : realAge;
  const wd = weekday(inv.issue);
  const out = new Float64Array(DRAWS);
  for (let k = 0; k < DRAWS; k++) {
    const d = payDelay(inv.habit, inv.role, terms, age, inv.n, rng);
    if (d === null) {
      out[k] = Number.POSITIVE_INFINITY;
      continue;
    }
    const first = weekendShift(wd, d);
    // An erratic payer pays half first and the rest 10–40 days later, one time in four (settle).
    out[k] = inv.habit === 'erratic' && rng.chance(0.25) ? weekendShift(wd, first + rng.int(10, 40)) : first;
  }
  return out.sort();
}

function lateOdds(inv: Invoice, day: IsoDate, stopDaysKnown: boolean): number {
  let draws = inv.draws.get(stopDaysKnown);
  if (!draws) {
    draws = simulate(inv, stopDaysKnown);
    inv.draws.set(stopDaysKnown, draws);
  }
  const age = daysBetween(inv.issue, day);
  const lateAfter = daysBetween(inv.issue, inv.due) + L;
  let unpaid = 0;
  let late = 0;
  for (const d of draws)
    if (d > age) {
      unpaid++;
      if (d > lateAfter) late++;
    }
  return unpaid ? late / unpaid : 1;
}

function openOn(inv: Invoice, day: IsoDate): number {
  if (inv.issue > day) return 0;
  let paid = 0;
  for (const [d, c] of inv.paid) if (d <= day) paid = c;
  return inv.cents - paid;
}

const store = await openStore({
  databaseUrl: process.env.BENCH_DATABASE_URL,
  dataDir: 'memory://',
  migrations: 'auto',
  log: () => {},
});
try {
  await loadDemo(store, { size: 'medium', seed: SEED, today: TODAY });
  const deps = { store, now: () => new Date(`${TODAY}T12:00:00Z`) };
  const rows = await store.sql.query<{
    id: number;
    customer_id: number;
    issue: string;
    due: string;
    amount: string;
    paid: [string, string][];
  }>(
    `SELECT i.id, i.customer_id, i.issue_date::text AS issue, i.due_date::text AS due, i.amount::text AS amount,
            coalesce(json_agg(json_build_array(p.received_on::text, a.amount::text) ORDER BY p.received_on)
                       FILTER (WHERE a.id IS NOT NULL), '[]') AS paid
       FROM invoices i
       LEFT JOIN payment_applications a ON a.invoice_id = i.id
       LEFT JOIN payments p ON p.id = a.payment_id
      GROUP BY i.id ORDER BY i.id`,
  );
  const byCustomer = new Map<number, Invoice[]>();
  for (const r of rows) {
    const list = byCustomer.get(r.customer_id) ?? [];
    const role = roleFor(r.customer_id - 1, createRng(hashSeed(SEED, 'customer', r.customer_id - 1)));
    let sum = 0;
    const paid = r.paid.map(([d, c]): [IsoDate, number] => {
      sum += centsFromDecimal(c);
      return [d as IsoDate, sum];
    });
    list.push({
      id: r.id,
      customerId: r.customer_id,
      issue: r.issue as IsoDate,
      due: r.due as IsoDate,
      cents: centsFromDecimal(r.amount),
      paid,
      habit: habitOf(role),
      role,
      n: list.length,
      draws: new Map(),
    });
    byCustomer.set(r.customer_id, list);
  }
  const knowing = (stopDaysKnown: boolean, label: string): BacktestPolicy => ({
    id: label,
    label,
    async pick(day, calls) {
      const scored: [number, number][] = [];
      for (const [customerId, list] of byCustomer) {
        let expected = 0;
        for (const inv of list) {
          const open = openOn(inv, day);
          if (open > 0 && daysBetween(inv.due, day) <= L)
            expected += open * lateOdds(inv, day, stopDaysKnown);
        }
        if (expected > 0) scored.push([customerId, expected]);
      }
      scored.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      return scored.slice(0, calls).map(([id]) => id);
    },
  });
  for (const capacity of [150, 50]) {
    console.log(
      `\n${capacity} calls a day, ${FROM} to ${TO} (still-early late $ covered, all late $, lead days):`,
    );
    for (const [known, label] of [
      [false, 'Habits known'],
      [true, 'Habits and stop days known'],
    ] as const) {
      const r = await runBacktest(deps, { from: FROM, to: TO, capacity }, knowing(known, label));
      if (!r.ok) throw new Error(r.error.message);
      for (const p of r.value.policies.filter((x) => known === false || x.id === label)) console.log(row(p));
    }
  }

  // Callsheet's own list (its agency step, kept places and order) with the law's p in place of the
  // model's: what a perfect model of the habits would do inside the list, for each share of places
  // kept for late debts, with the engine's ranking (money already late counts as late) and with the
  // still-early money alone.
  const invoices = new Map([...byCustomer.values()].flat().map((i) => [i.id, i]));
  const settings = await readSettings(store.sql, policySettings);
  const lawOdds =
    (earlyOnly: boolean) =>
    (asOf: IsoDate): InvoiceOdds =>
    (invoice, p) =>
      invoice.dpd > L ? (earlyOnly ? 0 : p) : lateOdds(invoices.get(invoice.id)!, asOf, false);
  console.log(
    "\nCallsheet's list with the law's p (habits known), by places kept for late debts (oldestShare):",
  );
  for (const capacity of [150, 50])
    for (const earlyOnly of [false, true])
      for (const share of SHARES) {
        const label = `${capacity} calls, ${earlyOnly ? 'still-early $ only' : "the engine's ranking"}, share ${share}`;
        const engine = await replayedPolicy(deps, FROM, TO, () => {}, undefined, {
          id: 'law',
          label,
          policy: { ...settings, oldestShare: share },
          odds: lawOdds(earlyOnly),
        });
        const r = await runBacktest(deps, { from: FROM, to: TO, capacity }, engine);
        if (!r.ok) throw new Error(r.error.message);
        console.log(row(r.value.policies.find((x) => x.id === 'law')!));
      }

  // The lateness model's p per habit, beside the law's and what happened.
  const fates = new Map<number, boolean>();
  for (const list of byCustomer.values())
    for (const inv of list) {
      const last = inv.paid.at(-1);
      const settled = last && last[1] >= inv.cents ? last[0] : null;
      const lateFrom = daysBetween(inv.due, TODAY) > L;
      if (settled) fates.set(inv.id, daysBetween(inv.due, settled) > L);
      else if (lateFrom) fates.set(inv.id, true);
    }
  const sums = new Map<string, { w: number; model: number; law: number; late: number }>();
  let today = new Map<number, number>();
  const replay = await replayedPolicy(deps, FROM, TO, (list) => {
    for (const x of list) today.set(x.invoiceId, x.p);
  });
  for (const day of businessDays(FROM, TO)) {
    today = new Map();
    await replay.pick(day, 150);
    for (const [id, p] of today) {
      const inv = invoices.get(id)!;
      const fate = fates.get(id);
      if (fate === undefined) continue;
      const w = openOn(inv, day);
      const key = inv.habit === 'delinquent' ? inv.role : inv.habit;
      const s = sums.get(key) ?? { w: 0, model: 0, law: 0, late: 0 };
      s.w += w;
      s.model += w * p;
      s.law += w * lateOdds(inv, day, false);
      s.late += fate ? w : 0;
      sums.set(key, s);
    }
  }
  console.log('\nPer habit, over the invoice-days not yet 30 days past due (dollar-weighted):');
  console.log(`  ${'habit'.padEnd(18)} ${'$ (millions)'.padStart(12)}  model p  law's p  went late`);
  for (const [habit, s] of [...sums].sort((a, b) => b[1].w - a[1].w))
    console.log(
      `  ${habit.padEnd(18)} ${(s.w / 1e8).toFixed(0).padStart(12)}  ${(s.model / s.w).toFixed(3).padStart(7)}  ${(s.law / s.w).toFixed(3).padStart(7)}  ${(s.late / s.w).toFixed(3).padStart(9)}`,
    );
} finally {
  await store.close();
}
