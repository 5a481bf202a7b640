// A small text chart of a trend, e.g. "▂▂▃▄▆▇", readable in any chat and terminal: the one every
// view and alert draws (a flat series sits mid-height; a missing value is a gap).
const BARS = '▁▂▃▄▅▆▇';

/** One bar per value, scaled between the series' minimum and maximum; '' for an empty series. */
export function sparkline(values: readonly number[]): string {
  const finite = values.filter(Number.isFinite);
  if (!finite.length) return '';
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  return values
    .map((v) => {
      if (!Number.isFinite(v)) return ' ';
      if (hi === lo) return BARS[3];
      return BARS[Math.round(((v - lo) / (hi - lo)) * (BARS.length - 1))];
    })
    .join('');
}

/** A trend of a single point says nothing: the views draw none below two. */
export function trendLine(values: readonly number[]): string {
  return values.length < 2 ? '' : sparkline(values);
}
