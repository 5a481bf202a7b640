// Small builders for the replies every command gives.
import type { Reply, ReplyAction } from '../reply.ts';

export const errorReply = (title: string, lines: string[] = [], actions: ReplyAction[] = []): Reply => ({
  tone: 'error',
  title,
  ...(lines.length ? { lines } : {}),
  ...(actions.length ? { actions } : {}),
  private: true,
});

export const infoReply = (title: string, lines: string[] = []): Reply => ({
  tone: 'info',
  title,
  ...(lines.length ? { lines } : {}),
  private: true,
});

/** The Undo button of a recorded change; its token is the interaction id. */
export const undoAction = (interactionId: number): ReplyAction => ({
  kind: 'undo',
  label: 'Undo',
  token: String(interactionId),
});
