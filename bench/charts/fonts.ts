/**
 * The one font every chart uses, loaded from files so that layout (text-metrics.ts) and
 * rasterising (render.ts) see the same glyphs on every machine. The TTFs come from the
 * npm package `dejavu-fonts-ttf` (a dependency), so charts do not depend on the OS's fonts;
 * LOOPBENCH_FONT_DIR points at another folder holding the same two files.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { LoopbenchError } from '../errors.js';

export const FONT_FAMILY = 'DejaVu Sans';
/** What the SVG asks for: DejaVu Sans, else the viewer's sans-serif. */
export const FONT_STACK = 'DejaVu Sans, sans-serif';

function packagedFontDir(): string {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  } catch {
    return join('node_modules', 'dejavu-fonts-ttf', 'ttf');
  }
}

const FONT_DIR = process.env['LOOPBENCH_FONT_DIR'] ?? packagedFontDir();

export const FONT_FILES = {
  regular: join(FONT_DIR, 'DejaVuSans.ttf'),
  bold: join(FONT_DIR, 'DejaVuSans-Bold.ttf'),
} as const;

export class FontMissingError extends LoopbenchError {
  constructor(message: string) {
    super('E_FONT_MISSING', message);
    this.name = 'FontMissingError';
  }
}

/** The font files, or a clear error naming what provides them. */
export function fontFiles(): { regular: string; bold: string } {
  for (const file of Object.values(FONT_FILES)) {
    if (!existsSync(file)) {
      throw new FontMissingError(
        `chart font not found: ${file}: it ships with the npm package dejavu-fonts-ttf (run \`npm ci\`), or set LOOPBENCH_FONT_DIR to a folder holding DejaVuSans.ttf and DejaVuSans-Bold.ttf`,
      );
    }
  }
  return FONT_FILES;
}
