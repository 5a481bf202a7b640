import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCallsheet, storeEnv } from '../support/run-cli.ts';
import { createTestDatabase } from '../support/test-store.ts';

let env: Record<string, string>;
let drop: () => Promise<void>;
beforeAll(async () => {
  const db = await createTestDatabase();
  drop = db.drop;
  env = storeEnv(db);
  const load = await runCallsheet(['demo', '--size', 'small', '--today', '2027-05-28', '--quiet'], env);
  expect(load.code).toBe(0);
});
afterAll(async () => {
  await drop?.();
});

describe('callsheet sheet', () => {
  it('prints one collector’s sheet as JSON with the documented fields', async () => {
    const run = await runCallsheet(
      ['sheet', '--collector', 'ava', '--date', '2027-05-28', '--json', '--limit', '3'],
      env,
    );
    expect(run.code).toBe(0);
    const sheet = JSON.parse(run.stdout);
    expect(sheet).toMatchObject({ date: '2027-05-28', collector: { code: 'ava', name: 'Ava Diaz' } });
    expect(sheet.rows).toHaveLength(3);
    expect(Object.keys(sheet.rows[0])).toEqual(
      expect.arrayContaining([
        'rank',
        'customerCode',
        'customerName',
        'score',
        'overdue',
        'oldestDaysPastDue',
        'action',
        'contact',
        'reasons',
      ]),
    );
    expect(sheet.rows[0].overdue).toMatch(/^\d+\.\d{2}$/);
  });

  it('prints every sheet as text, and the team view', async () => {
    const run = await runCallsheet(['sheet', '--as-of', '2027-05-28', '--limit', '2'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Ava Diaz \(ava\) — calls for May 28 2027/);
    expect(run.stdout).toMatch(/Hiro Okafor \(hiro\)/);
    const team = await runCallsheet(['team', '--date', '2027-05-28'], env);
    expect(team.code).toBe(0);
    expect(team.stdout).toMatch(/^Team for May 28 2027: \d+ calls of 60 capacity/);
  });

  it('writes the automated tier as a mail-merge CSV', async () => {
    const run = await runCallsheet(['sheet', '--automated', '--format', 'csv', '--date', '2027-05-28'], env);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\r\n')[0]).toMatch(/^customer_code,customer_name,contact_name/);
  });

  it.each([
    [['sheet', '--date', '28/05/2027'], /--date must be a date like 2027-05-28 \(got 28\/05\/2027\)/, 2],
    [['sheet', '--format', 'csv'], /--format csv is the mail-merge queue: add --automated/, 2],
    [['sheet', '--limit', '0'], /--limit must be a whole number ≥ 1/, 2],
    [['sheet', '--collector', 'zed'], /no collector "zed" has a call sheet \(collectors: ava, hiro\)/, 1],
  ])('refuses %j with a one-line reason', async (args, message, code) => {
    const run = await runCallsheet(args, env);
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
