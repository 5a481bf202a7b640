// Business settings by dotted path: listed with defaults, changed and reset through the owning
// feature's schema, recorded with who did it; a bad value or an unknown name changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeSetting, listSettings, resetSetting } from '../../src/app/business-settings.ts';
import { policySettings } from '../../src/app/policy-settings.ts';
import { SCHEDULE_SETTINGS } from '../../src/app/schedule-settings.ts';
import { readSettings } from '../../src/store/settings.ts';
import { openTestStore, type TestStore } from '../support/test-store.ts';

let store: TestStore;
beforeAll(async () => {
  store = await openTestStore();
});
afterAll(async () => {
  await store?.close();
});

const who = { actor: 'morgan', source: 'test' };
const stored = async () =>
  store.sql.query<{ key: string; value: unknown }>('SELECT key, value FROM settings ORDER BY key');

describe('business settings', () => {
  it('lists every group with values and defaults, nothing stored yet', async () => {
    const lines = await listSettings(store.sql);
    const paths = lines.map((l) => l.path);
    for (const p of [
      'policy.lateness.lateDays',
      'policy.lateness.shrinkage',
      'policy.lendOverflow',
      'policy.ladder.reminder1',
      'commands.dateOrder',
      'schedule.holidays',
      'alerts.recentOrderDays',
    ])
      expect(paths).toContain(p);
    expect(lines.every((l) => !l.stored && l.value === l.defaultValue)).toBe(true);
  });

  it('changes a nested setting, keeps its siblings, and records who changed it', async () => {
    const line = await changeSetting(store.sql, 'policy.ladder.reminder1', '7', who);
    expect(line).toMatchObject({
      path: 'policy.ladder.reminder1',
      value: '7',
      defaultValue: '5',
      stored: true,
    });
    const policy = await readSettings(store.sql, policySettings);
    expect(policy.ladder.reminder1).toBe(7);
    expect(policy.ladder.reminder2).toBe(policySettings.defaults.ladder.reminder2);
    const [audit] = await store.sql.query<{ actor: string; source: string }>(
      `SELECT actor, source FROM audit_events WHERE action = 'settings.update' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit).toEqual({ actor: 'morgan', source: 'test' });
  });

  it('takes lists and text as typed', async () => {
    await changeSetting(store.sql, 'schedule.holidays', '["2027-12-24","2027-12-31"]', who);
    await changeSetting(store.sql, 'commands.dateOrder', 'DMY', who);
    expect((await readSettings(store.sql, SCHEDULE_SETTINGS)).holidays).toEqual(['2027-12-24', '2027-12-31']);
    expect((await listSettings(store.sql)).find((l) => l.path === 'commands.dateOrder')?.value).toBe('"DMY"');
  });

  it.each([
    [
      'policy.lateness.lateDays',
      '500',
      /^invalid policy settings: policy\.lateness\.lateDays: Too big: expected number to be <=365 \(`settings` lists each with its default\)$/,
    ],
    [
      'schedule.holidays',
      '["12/24"]',
      /^invalid schedule settings: schedule\.holidays\.0: a date like 2027-12-25 /,
    ],
    [
      'policy.lateness.lateDay',
      '45',
      /no setting "policy.lateness.lateDay"; did you mean policy.lateness.lateDays/,
    ],
    ['policy.coveragePct', '85', /no setting "policy.coveragePct"/],
    ['policy.ladder', '5', /no setting "policy.ladder"/],
    ['nope.x', '1', /no setting "nope.x"/],
    // Names every JavaScript object has are not settings.
    ['policy.constructor', '5', /no setting "policy.constructor"/],
    ['policy.__proto__', '5', /no setting "policy.__proto__"/],
    ['policy.ladder.toString', '5', /no setting "policy.ladder.toString"/],
  ])('refuses %s = %s with the reason, and changes nothing', async (path, value, message) => {
    const before = await stored();
    await expect(changeSetting(store.sql, path, value, who)).rejects.toThrow(message);
    expect(await stored()).toEqual(before);
  });

  it('resets one setting to its default and leaves the others', async () => {
    const line = await resetSetting(store.sql, 'policy.ladder.reminder1', who);
    expect(line).toMatchObject({ value: '5', stored: false });
    expect((await readSettings(store.sql, SCHEDULE_SETTINGS)).holidays).toHaveLength(2);
  });
});
