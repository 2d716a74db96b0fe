/**
 * The one font every chart uses, loaded from files so that layout (text-metrics.ts) and
 * rasterising (render.ts) see the same glyphs on every machine.
 */
import { existsSync } from 'node:fs';

export const FONT_FAMILY = 'DejaVu Sans';
/** What the SVG asks for: DejaVu Sans, else the viewer's sans-serif. */
export const FONT_STACK = 'DejaVu Sans, sans-serif';

const FONT_DIR = process.env['LOOPBENCH_FONT_DIR'] ?? '/usr/share/fonts/truetype/dejavu';

export const FONT_FILES = {
  regular: `${FONT_DIR}/DejaVuSans.ttf`,
  bold: `${FONT_DIR}/DejaVuSans-Bold.ttf`,
} as const;

export class FontMissingError extends Error {
  override name = 'FontMissingError';
}

/** The font files, or a clear error naming the package that provides them. */
export function fontFiles(): { regular: string; bold: string } {
  for (const file of Object.values(FONT_FILES)) {
    if (!existsSync(file)) {
      throw new FontMissingError(`chart font not found: ${file}: install it with \`apt-get install fonts-dejavu-core\` (or set LOOPBENCH_FONT_DIR to a folder holding DejaVuSans.ttf and DejaVuSans-Bold.ttf)`);
    }
  }
  return FONT_FILES;
}
