import { planDay, rankingCandidates } from './src/domain/policy/plan-day.ts';
import { DEFAULT_POLICY } from './src/domain/policy/policy-settings.ts';
import { openStore } from './src/store/open-store.ts';
import { readScoreInputs, readSheetHolders, readSheetInputs } from './src/store/sheet-inputs.ts';

const store = await openStore({
  databaseUrl: 'postgresql://postgres@127.0.0.1:5432/callsheet_bench',
  migrations: 'none',
});
for (let k = 0; k < 2; k++) {
  let t = performance.now();
  const lap = (l: string) => {
    console.log(l, Math.round(performance.now() - t));
    t = performance.now();
  };
  const hs = (await readSheetHolders(store.sql)).map((h) => ({
    id: h.id,
    code: h.code,
    capacity: h.dailyCapacity,
  }));
  const accts = await readSheetInputs(store.sql, {
    asOf: '2027-05-28',
    cutoff: '2027-05-29T04:00:00Z',
    timeZone: 'America/New_York',
    brokenPromiseWindowDays: 180,
    dueSoonDays: 10,
  });
  lap('inputs');
  const ids = rankingCandidates(accts, hs, '2027-05-28', DEFAULT_POLICY);
  lap('candidates ' + ids.length);
  const extra = await readScoreInputs(store.sql, '2027-05-28', ids);
  lap('score inputs');
  const merged = accts.map((a) => {
    const m = extra.get(a.customerId);
    return m ? { ...a, ...m } : a;
  });
  const plan = planDay(merged, hs, '2027-05-28', DEFAULT_POLICY);
  lap('plan');
}
await store.close();
