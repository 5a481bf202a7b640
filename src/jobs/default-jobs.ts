// The jobs `callsheet serve` runs, in tick order. Posting jobs are bound to each chat surface that
// can speak first, with the platform in the job id, so Slack and Teams each get every digest once
// and a failure on one is retried without re-posting on the other.

import { buildCallSheets } from '../app/build-call-sheets.ts';
import { evaluatePromises } from '../app/evaluate-promises.ts';
import type { ChatPublisher } from '../app/publisher.ts';
import { alertPostJob } from './alert-post.ts';
import { alertScanJob } from './alert-scan.ts';
import type { Job } from './job.ts';
import {
  type OutreachSender,
  outreachApprovalJob,
  outreachFollowUpJob,
  outreachSendJob,
} from './outreach-send.ts';
import { promiseEvaluationJob } from './promise-evaluation.ts';
import { managerSummaryJob, sheetDigestJob } from './sheet-digest.ts';

/** A posting job that always posts through `publisher`, under its own ledger id. */
export function boundTo(job: Job, publisher: ChatPublisher): Job {
  return {
    id: `${job.id}:${publisher.platform}`,
    due: (ctx) => job.due({ ...ctx, publisher }),
    run: (ctx, payload) => job.run({ ...ctx, publisher }, payload),
  };
}

export function postingJobs(): Job[] {
  return [alertPostJob, sheetDigestJob(buildCallSheets), managerSummaryJob(buildCallSheets)];
}

/** `sendOutreach`: set when a mail server is configured; the automatic send runs after the digests. */
export function defaultJobs(publishers: readonly ChatPublisher[], sendOutreach?: OutreachSender): Job[] {
  return [
    promiseEvaluationJob(evaluatePromises),
    alertScanJob,
    ...publishers.flatMap((publisher) => postingJobs().map((job) => boundTo(job, publisher))),
    ...(sendOutreach
      ? [
          ...publishers.map((publisher) => boundTo(outreachApprovalJob(sendOutreach), publisher)),
          outreachSendJob(sendOutreach),
          outreachFollowUpJob(sendOutreach),
        ]
      : []),
  ];
}
