// `callsheet policy fit`: the model's parameters learned on past days, judged on the days after
// them, and stored only when not worse there (and never on a dry run).
import { describe, expect, it } from 'vitest';
import { fitPolicy } from '../../src/app/fit-policy.ts';
import { policySettings } from '../../src/app/policy-settings.ts';
import { addDays } from '../../src/domain/calendar.ts';
import { FITTED } from '../../src/domain/policy/lateness/lateness-settings.ts';
import { readSettings, storedSettings } from '../../src/store/settings.ts';
import { smallDemoStore } from '../support/test-store.ts';

const TODAY = '2027-05-28';
const demo = smallDemoStore(TODAY);
const deps = () => ({ store: demo(), now: () => new Date(`${TODAY}T12:00:00Z`) });
const actor = { actor: 'morgan', source: 'test' };
const period = { from: '2026-11-02', to: '2027-01-29', every: 10, capacity: 20 };

describe('policy fit (small demo)', () => {
  it('learns on the period, judges on the days after it, and changes nothing on a dry run', async () => {
    const result = await fitPolicy(deps(), { ...period, dryRun: true, actor });
    if (!result.ok) throw new Error(result.error.message);
    const r = result.value;
    expect([r.fit.from, r.fit.to]).toEqual([period.from, period.to]);
    expect(r.test.from).toBe(addDays(period.to, 1));
    expect(r.test.to > r.test.from).toBe(true);
    expect(r.fit.days).toBeGreaterThan(0);
    expect(r.test.days).toBeGreaterThan(0);
    expect(r.capacity).toBe(20);
    expect(r.evaluations).toBeGreaterThan(FITTED.length);
    for (const w of [r.fit, r.test])
      for (const pct of [w.before, w.after, w.largestOverdue]) {
        expect(pct).not.toBeNull();
        expect(pct!).toBeGreaterThanOrEqual(0);
        expect(pct!).toBeLessThanOrEqual(100);
      }
    expect(r.saved).toBe(false);
    expect(r.after).toEqual(r.before);
    expect(await storedSettings(demo().sql, policySettings.key)).toEqual({});
  }, 600_000);

  it('stores the fitted values only when the later days do not do worse with them', async () => {
    const result = await fitPolicy(deps(), { ...period, actor });
    if (!result.ok) throw new Error(result.error.message);
    const r = result.value;
    const lateness = (await readSettings(demo().sql, policySettings)).lateness;
    const inEffect = Object.fromEntries(FITTED.map((k) => [k, lateness[k]]));
    expect(inEffect).toEqual(r.after);
    if (r.saved) {
      expect(r.after).toEqual(r.fitted);
      expect(r.kept).toBeNull();
      expect(r.test.after!).toBeGreaterThanOrEqual(r.test.before!);
    } else {
      expect(r.after).toEqual(r.before);
      expect(r.kept).not.toBeNull();
    }
  }, 600_000);

  it('refuses a period backwards or with no later days to judge it on, saying how to fix it', async () => {
    const backwards = await fitPolicy(deps(), { from: '2027-02-01', to: '2027-01-01', actor });
    expect(backwards).toMatchObject({ ok: false, error: { code: 'bad_period' } });
    const tooLate = await fitPolicy(deps(), { from: '2027-03-01', to: TODAY, actor });
    expect(tooLate).toMatchObject({ ok: false, error: { code: 'short_history' } });
    if (!tooLate.ok) expect(tooLate.error.message).toMatch(/end --to by \d{4}-\d{2}-\d{2}/);
  });
});
