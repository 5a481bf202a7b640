import { describe, expect, it } from 'vitest';
import { useDemoDatabase } from '../support/demo-database.ts';
import { runCallsheet, storeEnv } from '../support/run-cli.ts';

const demo = useDemoDatabase();
describe('callsheet kpis', () => {
  it('prints the team and each collector beside the CRF figures', async () => {
    const run = await runCallsheet(['kpis', '--today', '2027-05-28', '--month', '2027-04'], storeEnv(demo()));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Apr 2027 — as of 2027-04-30\n/);
    expect(run.stdout).toMatch(/current \(CRF 87%\)\s+>90 \(CRF 0\.4%\)/);
    expect(run.stdout).toMatch(/\nteam\s+\$[\d.]+M\s+\d+\.\d/);
    expect(run.stdout).toMatch(/\nava \(Ava Diaz\)/);
  });

  it('prints JSON for one collector', async () => {
    const run = await runCallsheet(
      ['kpis', '--today', '2027-05-28', '--collector', 'hiro', '--months', '2', '--json'],
      storeEnv(demo()),
    );
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.months.map((m: { month: string }) => m.month)).toEqual(['2027-04', '2027-05']);
    expect(report.months[1].collectors[0].scope).toEqual({
      kind: 'collector',
      code: 'hiro',
      name: 'Hiro Okafor',
    });
    expect(Number.isInteger(report.months[1].team.arCents)).toBe(true);
  });

  it("shows the month's KPIs in the manager's team view", async () => {
    const run = await runCallsheet(['team', '--date', '2027-05-28'], storeEnv(demo()));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\n {2}KPIs May 2027 \(to 28 May\): DSO \d+\.\d days/);
    expect(run.stdout).toMatch(/\n {2}Aging: \d+\.\d% current \(CRF national 87%\)/);
  });

  it('says what was wrong in one line', async () => {
    const unknown = await runCallsheet(
      ['kpis', '--today', '2027-05-28', '--collector', 'zed'],
      storeEnv(demo()),
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe(
      'callsheet: no collector with the code zed; `callsheet kpis` without --collector lists them\n',
    );
    const bad = await runCallsheet(['kpis', '--month', 'May'], storeEnv(demo()));
    expect(bad).toMatchObject({ code: 2, stderr: 'callsheet: a month looks like 2027-05 (got May)\n' });
    const months = await runCallsheet(['kpis', '--months', '0'], storeEnv(demo()));
    expect(months.code).toBe(2);
    expect(months.stderr).toMatch(/--months must be a whole number from 1 to 60/);
  });
});
