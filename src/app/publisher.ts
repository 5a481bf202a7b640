// What the scheduler needs from a chat surface to speak first. Slack, Teams and the console each
// provide one; a publisher decides where a post goes (DM, bound channel) from the store.
import type { AlertRollup, AlertView } from './alert-model.ts';
import type { Reply } from './reply.ts';
import type { CallSheet, ManagerSummary } from './sheet-model.ts';

export interface PostResult {
  /** False when this surface has nowhere to post it (e.g. the collector has no Slack user id). */
  delivered: boolean;
  /** Where it went, for logs and the job ledger (e.g. 'slack:D123', 'teams:19:abc'). */
  target?: string;
  /** Platform message ids, so a later action can update the message in place. */
  messageIds?: string[];
}

export interface ChatPublisher {
  platform: 'slack' | 'teams' | 'console';
  postSheet(sheet: CallSheet): Promise<PostResult>;
  postSummary(summary: ManagerSummary): Promise<PostResult>;
  postAlert(alert: AlertView): Promise<PostResult>;
  /** One message for the new alerts of a scan beyond those posted one by one. */
  postAlertRollup(rollup: AlertRollup): Promise<PostResult>;
  /** The manager's approval of the automated batch (src/app/outreach/approve-batch.ts), where shown. */
  postOutreachBatch?(prompt: OutreachPrompt): Promise<PostResult>;
}

/** The morning prompt: its words, and the day its buttons decide. */
export interface OutreachPrompt {
  asOf: string;
  reply: Reply;
}

/** What became of one post of an on-demand digest (`digest` in chat, `callsheet digest --now`). */
export interface DigestPostReport {
  /** The collector's code, or 'team' for the manager summary. */
  recipient: string;
  platform: string;
  /** posted; nowhere: the surface has no place for it (no channel, DM or conversation); failed: gave up. */
  outcome: 'posted' | 'nowhere' | 'failed';
  target?: string;
  error?: string;
}

/** Posts this morning's digests now through every chat surface of the running server. */
export type PostDigestsNow = (input: { collector?: string }) => Promise<DigestPostReport[]>;
