/**
 * vega-lite spec → SVG (vega's headless view, no browser) → PNG (resvg at 2x), with the
 * DejaVu Sans files loaded explicitly so every machine draws the same pixels.
 */
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { FONT_FAMILY, fontFiles } from './fonts.js';
import { scenegraphs } from './scenegraph.js';
import { installTextMetrics } from './text-metrics.js';
import { LoopbenchError } from '../errors.js';

export class ChartSpecError extends LoopbenchError {
  constructor(message: string) {
    super('E_CHART_SPEC', message);
    this.name = 'ChartSpecError';
  }
}

export interface RenderOptions {
  /** Throw on any vega-lite warning (tests: a warning means a wrong spec). Otherwise warnings are dropped. */
  strict?: boolean;
}

/** Renders a spec to SVG with vega's headless view. */
export async function renderSvg(spec: TopLevelSpec, options: RenderOptions = {}): Promise<string> {
  await installTextMetrics();
  const warnings: string[] = [];
  const logger = { level: () => logger, error: (...m: unknown[]) => void warnings.push(m.join(' ')), warn: (...m: unknown[]) => void warnings.push(m.join(' ')), info: () => logger, debug: () => logger };
  const { spec: vgSpec } = compile(spec, { logger: logger as never });
  if (options.strict && warnings.length) throw new ChartSpecError(`vega-lite: ${warnings.join('; ')}`);
  const view = new vega.View(vega.parse(vgSpec), { renderer: 'none' });
  // Clip-path and gradient ids count up per process (in each copy of the scenegraph);
  // restart them so the output is the same bytes every time.
  for (const copy of await scenegraphs()) copy.resetSVGDefIds();
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Rasterises an SVG at 2x with the chart font and nothing else. */
export function svgToPng(svg: string): Uint8Array {
  const files = fontFiles();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: 2 },
    background: 'white',
    font: { fontFiles: [files.regular, files.bold], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
  });
  return new Uint8Array(resvg.render().asPng());
}
