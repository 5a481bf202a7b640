// The platform-neutral answer to a chat command. Slack (Block Kit), Teams (Adaptive Cards) and the
// console render it; nothing here knows a chat SDK. All text is plain: renderers escape it.
import type { CallSheet } from './sheet-model.ts';

export type ReplyTone = 'ok' | 'info' | 'warning' | 'error';

export interface ReplyFact {
  label: string;
  value: string;
}

/** A button: re-run a command (a choice from a list) or undo what was just recorded. */
export type ReplyAction =
  | { kind: 'command'; label: string; command: string; style?: 'primary' | 'danger' }
  | { kind: 'undo'; label: string; token: string };

export interface Reply {
  tone: ReplyTone;
  /** One line saying what happened, in words ("Recorded: ACME promised $5,000 by Fri 30 May"). */
  title: string;
  /** Further sentences, one per line. */
  lines?: string[];
  facts?: ReplyFact[];
  table?: { columns: string[]; rows: string[][] };
  actions?: ReplyAction[];
  /** Only the caller should see it (Slack ephemeral); false for messages meant for the channel. */
  private: boolean;
  /**
   * A call sheet the reply is about (`sheet`, `calls`): surfaces that can draw one with its row
   * buttons do; the rest of the reply is its text form.
   */
  sheet?: CallSheet;
  /**
   * The collector who sent the command, when the core looked them up (null: not linked to one), so
   * a surface that needs them too (Teams remembers their direct chat) does not ask again.
   */
  sender?: { id: number; code: string; name: string; timeZone: string } | null;
}
