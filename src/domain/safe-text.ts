// Text from outside (files, chat, headers) shown back to people: control characters escaped so a
// value cannot drive the terminal that prints it, long values cut to an excerpt, and the
// characters PostgreSQL cannot store (NUL) or that are not text at all (unpaired surrogates)
// found before they reach the database.

// C0 controls, DEL, C1 controls (a UTF-8 terminal may act on them too) and the bidirectional
// overrides that reorder what a terminal shows.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROLS_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

const escapeOne = (ch: string) => {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
};

/**
 * `value` with every control character written as an escape (`\x1b`, `\n`, `\u009b`).
 * `keepLines` leaves line feeds and tabs alone, for text meant to span lines (a sheet, a note); a
 * carriage return is still escaped, as it lets text overwrite what a terminal showed before it.
 */
export function escapeControls(value: string, keepLines = false): string {
  return value.replace(keepLines ? CONTROLS_BUT_LINES : CONTROLS, escapeOne);
}

/** Longest value quoted in full in a message or an error report. */
export const EXCERPT_CHARS = 200;

/** `value` cut to `max` characters (never inside a surrogate pair), saying how long it was. */
export function excerpt(value: string, max = EXCERPT_CHARS): string {
  if (value.length <= max) return value;
  let end = max;
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${value.slice(0, end)}… (${value.length.toLocaleString('en-US')} characters)`;
}

/** What to show of an outside value in a one-line message: an escaped excerpt. */
export const shown = (value: string, max = EXCERPT_CHARS): string => escapeControls(excerpt(value, max));

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Why `value` cannot be stored as text, or null: PostgreSQL refuses NUL characters, and an
 * unpaired UTF-16 surrogate is not a character at all (it would be stored as U+FFFD).
 */
export function unstorableText(value: string): string | null {
  const nul = value.indexOf('\u0000');
  if (nul >= 0)
    return `contains a NUL character (\\0) at position ${nul + 1}, which cannot be stored; remove it`;
  const lone = LONE_SURROGATE.exec(value);
  if (lone)
    return `contains a broken character (an unpaired UTF-16 surrogate, \\u${lone[0].charCodeAt(0).toString(16)}) at position ${lone.index + 1}; re-type or re-export it as UTF-8`;
  return null;
}

/** An outside value in double quotes for a message: cut to an excerpt, every control escaped. */
export const quoted = (value: string, max = EXCERPT_CHARS): string =>
  escapeControls(JSON.stringify(excerpt(value, max)));
