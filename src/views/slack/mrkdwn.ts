// Text helpers for Slack's mrkdwn. Everything that came from data (customer names, notes, reasons)
// goes through `escapeMrkdwn` exactly once, here in the views, so a customer called
// "<!channel> *ACME*" can neither ping a channel, make a link, nor turn text bold.
import type { types } from '@slack/bolt';

/** Entity-escapes &, < and > and neutralises the formatting characters * _ ~ ` with a zero-width space. */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([*_~`])/g, '$1\u200B');
}

/** Cuts text to `max` characters, ending with an ellipsis when something was cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** A mrkdwn text object from already-escaped text; verbatim so Slack adds no links of its own. */
export const mrkdwn = (text: string, max = 3000): types.MrkdwnElement => ({
  type: 'mrkdwn',
  text: truncate(text, max),
  verbatim: true,
});

/** A plain_text object: Slack shows it literally, so it needs no escaping. */
export const plain = (text: string, max = 3000): types.PlainTextElement => ({
  type: 'plain_text',
  text: truncate(text, max),
  emoji: true,
});
