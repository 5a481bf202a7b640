// A late debt's weekly call that falls on a day without sheets is due on the next sheet day: the
// plan learns how many days passed since the last one from the company's schedule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysSinceLastSheet } from '../../src/app/build-call-sheets.ts';
import { SCHEDULE_SETTINGS } from '../../src/app/schedule-settings.ts';
import { writeSettings } from '../../src/store/settings.ts';
import { openTestStore, type TestStore } from '../support/test-store.ts';

describe('days since the last sheet day', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(async () => {
    await store?.close();
  });

  it('counts back to the previous business day of the schedule, holidays included', async () => {
    // 2027-05-31 is a Monday.
    expect(await daysSinceLastSheet(store.sql, '2027-05-31')).toBe(3);
    expect(await daysSinceLastSheet(store.sql, '2027-06-01')).toBe(1);
    await writeSettings(
      store.sql,
      SCHEDULE_SETTINGS,
      { holidays: ['2027-05-31'], businessDays: [1, 2, 3, 4, 5, 6] },
      { actor: 'morgan', source: 'cli' },
    );
    expect(await daysSinceLastSheet(store.sql, '2027-06-01')).toBe(3);
    expect(await daysSinceLastSheet(store.sql, '2027-05-31')).toBe(2);
  });
});
