// A text sparkline (▁▂▃▅▇) of a short series, scaled between its own minimum and maximum.
const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇'];

export function sparkline(values: readonly number[]): string {
  const finite = values.filter((v) => Number.isFinite(v));
  if (!finite.length) return '';
  const min = Math.min(...finite);
  const span = Math.max(...finite) - min;
  return finite
    .map((v) => BARS[span === 0 ? 2 : Math.round(((v - min) / span) * (BARS.length - 1))]!)
    .join('');
}
