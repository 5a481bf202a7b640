// Whether a BCP 47 tag names a locale this runtime can format in: a well-formed tag that Intl would
// quietly replace by its default (e.g. `xx-YY`) is refused, so a setting never silently means en-US.
export function isLocale(tag: string): boolean {
  try {
    return Intl.NumberFormat.supportedLocalesOf(tag).length > 0;
  } catch {
    return false;
  }
}
