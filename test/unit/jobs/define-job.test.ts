import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineJob, isoDay, type JobContext } from '../../../src/jobs/job.ts';

// The job's run never sees the context here; a stand-in keeps the test on the payload check.
const ctx = {} as JobContext;

describe('a job with a payload schema', () => {
  const seen: unknown[] = [];
  const job = defineJob({
    id: 'demo',
    payload: z.object({ asOf: isoDay, collector: z.string() }),
    due: async () => ({ due: [] }),
    async run(_ctx, payload) {
      seen.push(payload);
      return payload.collector.length;
    },
  });

  it('runs with the payload parsed by its schema', async () => {
    await expect(job.run(ctx, { asOf: '2027-05-28', collector: 'ava' })).resolves.toBe(3);
    expect(seen).toEqual([{ asOf: '2027-05-28', collector: 'ava' }]);
  });

  it('fails the run, naming the job and the field, when the stored payload does not fit', () => {
    expect(() => job.run(ctx, { asOf: 'May 28', collector: 7 })).toThrow(
      /^job demo: the stored payload does not fit: .*asOf.*collector/s,
    );
  });
});
