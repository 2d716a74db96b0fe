/**
 * blog/: one chart per finding (bench/charts/blog.ts), each as <file>.svg, <file>.png (2x),
 * <file>.vl.json (the vega-lite spec), <file>.caption.md (finding + conditions) and
 * <file>.card.png (1200×675 social card). Same results → the same bytes.
 */
import { blogSpecs, captionMarkdown, socialCardSvg } from '../charts/blog.js';
import { renderSvg, svgToPng } from '../charts/render.js';
import type { Reporter, ReportFile } from './types.js';

export const blog: Reporter = async (results) => {
  const files: ReportFile[] = [];
  // One at a time: vega numbers SVG ids per process (render.ts resets them per chart).
  for (const chart of blogSpecs(results)) {
    const svg = await renderSvg(chart.spec);
    const base = `blog/${chart.file}`;
    files.push(
      { path: `${base}.svg`, contents: svg },
      { path: `${base}.png`, contents: svgToPng(svg) },
      { path: `${base}.vl.json`, contents: JSON.stringify(chart.spec, null, 2) + '\n' },
      { path: `${base}.caption.md`, contents: captionMarkdown(results, chart) },
      { path: `${base}.card.png`, contents: svgToPng(socialCardSvg(svg)) },
    );
  }
  return files;
};
