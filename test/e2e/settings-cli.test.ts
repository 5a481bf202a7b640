import { describe, expect, it } from 'vitest';
import { useDemoDatabase } from '../support/demo-database.ts';
import { runCallsheet, storeEnv } from '../support/run-cli.ts';

const demo = useDemoDatabase();
describe('callsheet settings', () => {
  it('lists, changes, refuses a bad value with exit 1, and resets', async () => {
    const env = storeEnv(demo());
    const list = await runCallsheet(['settings'], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^policy\.lateness\.lateDays\s+30$/m);

    const set = await runCallsheet(
      ['settings', 'set', 'policy.lateness.lateDays', '45', '--as', 'morgan'],
      env,
    );
    expect(set).toMatchObject({ code: 0, stdout: 'policy.lateness.lateDays is now 45 (default 30).\n' });
    expect((await runCallsheet(['settings'], env)).stdout).toMatch(
      /^policy\.lateness\.lateDays\s+45\s+\(default 30\)$/m,
    );

    const bad = await runCallsheet(['settings', 'set', 'policy.lateness.lateDays', 'lots'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^callsheet: invalid policy settings: .*lateDays/s);
    expect(bad.stderr).not.toMatch(/\n\s+at /); // no stack trace

    const reset = await runCallsheet(['settings', 'reset', 'policy.lateness.lateDays'], env);
    expect(reset.stdout).toBe('policy.lateness.lateDays is now 30 (the default).\n');
  });
});
