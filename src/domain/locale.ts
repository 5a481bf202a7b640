// Whether a BCP 47 tag names a locale this runtime can format in: a well-formed tag that Intl would
// quietly replace by its default (e.g. `xx-YY`) is refused, so a setting never silently means en-US.
// The answer is kept per tag: asking Intl loads its locale data, a noticeable part of a short
// command's start, and every command reads the locale setting.
const known = new Map<string, boolean>([['en-US', true]]);

export function isLocale(tag: string): boolean {
  let answer = known.get(tag);
  if (answer === undefined) {
    try {
      answer = Intl.NumberFormat.supportedLocalesOf(tag).length > 0;
    } catch {
      answer = false;
    }
    if (known.size < 64) known.set(tag, answer);
  }
  return answer;
}
