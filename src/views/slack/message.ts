// The shape every Slack view returns: Block Kit blocks plus the plain `text` fallback Slack shows
// in notifications and to screen readers.
import type { types } from '@slack/bolt';

export type Block = types.KnownBlock;
export type ButtonElement = types.Button;
export type ModalView = types.ModalView;

export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** Block Kit limits (docs.slack.dev/reference/block-kit); views stay inside them. */
export const LIMITS = {
  blocksPerMessage: 50,
  blocksPerModal: 100,
  text: 3000,
  field: 2000,
  fieldsPerSection: 10,
  buttonText: 75,
  buttonValue: 2000,
  elementsPerActions: 25,
  header: 150,
  modalTitle: 24,
  privateMetadata: 3000,
  fallbackText: 4000,
} as const;

/** Splits `items` into runs of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
