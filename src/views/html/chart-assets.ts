// The charting library inlined into HTML reports, read from the pinned npm package (uPlot) so a
// report opens offline with no CDN.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface ChartAssets {
  js: string;
  css: string;
}

let cached: ChartAssets | undefined;

export function loadChartAssets(): ChartAssets {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const read = (file: string) => readFileSync(require.resolve(`uplot/dist/${file}`), 'utf8');
  cached = { js: read('uPlot.iife.min.js'), css: read('uPlot.min.css') };
  return cached;
}
