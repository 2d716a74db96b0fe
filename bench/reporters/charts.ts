/** charts/<name>.svg, .png (2x) and .vl.json (the vega-lite spec, data inline, for restyling). */
import { renderCharts } from '../charts/index.js';
import type { Reporter } from './types.js';

export const charts: Reporter = async (results) =>
  (await renderCharts(results)).flatMap((chart) => [
    { path: `charts/${chart.file}.svg`, contents: chart.svg },
    { path: `charts/${chart.file}.png`, contents: chart.png },
    { path: `charts/${chart.file}.vl.json`, contents: JSON.stringify(chart.spec, null, 2) + '\n' },
  ]);
