import { describe, expect, it } from 'vitest';
import { useDemoDatabase } from '../support/demo-database.ts';
import { runCallsheet, storeEnv } from '../support/run-cli.ts';

const demo = useDemoDatabase();
describe('callsheet settings', () => {
  it('lists, changes, refuses a bad value with exit 1, and resets', async () => {
    const env = storeEnv(demo());
    const list = await runCallsheet(['settings'], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^policy\.coveragePct\s+80$/m);

    const set = await runCallsheet(['settings', 'set', 'policy.coveragePct', '85', '--as', 'morgan'], env);
    expect(set).toMatchObject({ code: 0, stdout: 'policy.coveragePct is now 85 (default 80).\n' });
    expect((await runCallsheet(['settings'], env)).stdout).toMatch(
      /^policy\.coveragePct\s+85\s+\(default 80\)$/m,
    );

    const bad = await runCallsheet(['settings', 'set', 'policy.coveragePct', 'lots'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^callsheet: invalid policy settings: .*coveragePct/s);
    expect(bad.stderr).not.toMatch(/\n\s+at /); // no stack trace

    const reset = await runCallsheet(['settings', 'reset', 'policy.coveragePct'], env);
    expect(reset.stdout).toBe('policy.coveragePct is now 80 (the default).\n');
  });
});
