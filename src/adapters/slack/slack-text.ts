// Slack's escaped references in command text: with `should_escape` on, `/callsheet sheet @jane`
// arrives as `<@U123|jane>` and `#collections` as `<#C123|collections>`.

const USER = /<@([UW][A-Z0-9]+)(?:\|([^>]*))?>/g;
const CHANNEL = /<#([CG][A-Z0-9]+)(?:\|([^>]*))?>/;

/** The first channel a command names, and the text without it (`bind alerts #collections`). */
export function mentionedChannel(text: string): {
  channel: { id: string; name: string | null } | null;
  rest: string;
} {
  const m = CHANNEL.exec(text);
  if (!m) return { channel: null, rest: text };
  return {
    channel: { id: m[1]!, name: m[2] || null },
    rest: `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`.replace(/\s+/g, ' ').trim(),
  };
}

/** Replaces user mentions with what `name` returns for each Slack user id (e.g. a collector code). */
export async function replaceMentions(
  text: string,
  name: (slackUserId: string, shown: string | undefined) => Promise<string>,
): Promise<string> {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(USER)) {
    out += text.slice(last, m.index) + (await name(m[1]!, m[2]));
    last = m.index + m[0].length;
  }
  return out + text.slice(last);
}

const LINK = /<((?:https?|mailto):[^>|]*)(?:\|([^>]*))?>/g;

/**
 * What the collector typed, from Slack's escaped command text: links back to their label (or the
 * address), and `&lt;` `&gt;` `&amp;` back to characters (ampersand last, so `&amp;lt;` stays
 * `&lt;`). Slack escapes exactly these three; a customer called "AT&T" must match as typed.
 */
export function typedText(text: string): string {
  return text
    .replace(LINK, (_, url: string, label: string | undefined) => label ?? url.replace(/^mailto:/, ''))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
