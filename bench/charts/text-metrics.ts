/**
 * Text widths from the DejaVu Sans font files, for vega's layout. Without a canvas, vega
 * guesses 0.8 em per character, which leaves charts lopsided; vega accepts a
 * user-defined `textMetrics.width` (as vl-convert does), so we read the glyph advances
 * from the fonts' `cmap` and `hmtx` tables ourselves. Kerning is ignored, which errs wide.
 */
import { readFileSync } from 'node:fs';
import { fontFiles } from './fonts.js';
import { scenegraphs } from './scenegraph.js';

interface GlyphAdvances {
  /** Advance of a code point, in em. */
  em(codePoint: number): number;
}

/** Reads the advance widths of a TrueType font (cmap format 4: the Basic Multilingual Plane). */
export function readAdvances(font: Buffer): GlyphAdvances {
  const tables = new Map<string, number>();
  for (let i = 0, n = font.readUInt16BE(4); i < n; i++) {
    const record = 12 + 16 * i;
    tables.set(font.toString('latin1', record, record + 4), font.readUInt32BE(record + 8));
  }
  const table = (tag: string) => {
    const offset = tables.get(tag);
    if (offset === undefined) throw new Error(`font has no ${tag} table`);
    return offset;
  };
  const unitsPerEm = font.readUInt16BE(table('head') + 18);
  const hMetrics = font.readUInt16BE(table('hhea') + 34);
  const hmtx = table('hmtx');
  const cmap = table('cmap');
  let segments = -1;
  for (let i = 0, n = font.readUInt16BE(cmap + 2); i < n; i++) {
    const platform = font.readUInt16BE(cmap + 4 + 8 * i);
    const encoding = font.readUInt16BE(cmap + 6 + 8 * i);
    const sub = cmap + font.readUInt32BE(cmap + 8 + 8 * i);
    if (((platform === 3 && encoding === 1) || platform === 0) && font.readUInt16BE(sub) === 4) segments = sub;
  }
  if (segments < 0) throw new Error('font has no format-4 cmap');
  const segCount = font.readUInt16BE(segments + 6) / 2;
  const ends = segments + 14;
  const starts = ends + 2 * segCount + 2;
  const deltas = starts + 2 * segCount;
  const rangeOffsets = deltas + 2 * segCount;
  const glyphOf = (c: number): number => {
    for (let i = 0; i < segCount; i++) {
      if (c > font.readUInt16BE(ends + 2 * i)) continue;
      const start = font.readUInt16BE(starts + 2 * i);
      if (c < start) return 0;
      const delta = font.readInt16BE(deltas + 2 * i);
      const rangeOffset = font.readUInt16BE(rangeOffsets + 2 * i);
      if (rangeOffset === 0) return (c + delta) & 0xffff;
      const glyph = font.readUInt16BE(rangeOffsets + 2 * i + rangeOffset + 2 * (c - start));
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
  const cache = new Map<number, number>();
  return {
    em(codePoint) {
      let width = cache.get(codePoint);
      if (width === undefined) {
        const glyph = codePoint > 0xffff ? 0 : glyphOf(codePoint);
        width = font.readUInt16BE(hmtx + 4 * Math.min(glyph, hMetrics - 1)) / unitsPerEm;
        cache.set(codePoint, width);
      }
      return width;
    },
  };
}

interface TextItem {
  fontSize?: number;
  fontWeight?: string | number;
  limit?: number;
}

let installed: Promise<void> | undefined;

/** Makes every copy of vega measure text with DejaVu Sans (idempotent). */
export function installTextMetrics(): Promise<void> {
  installed ??= install();
  return installed;
}

async function install(): Promise<void> {
  const files = fontFiles();
  const regular = readAdvances(readFileSync(files.regular));
  const bold = readAdvances(readFileSync(files.bold));
  const width = (item: TextItem, text: unknown): number => {
    const line = text == null ? '' : String(text).trim();
    const size = item.fontSize != null ? +item.fontSize || 0 : 11;
    const weight = item.fontWeight;
    const advances = weight === 'bold' || weight === 'bolder' || Number(weight) >= 600 ? bold : regular;
    let em = 0;
    for (const ch of line) em += advances.em(ch.codePointAt(0)!);
    const px = em * size;
    return item.limit && item.limit > 0 ? Math.min(px, item.limit) : px;
  };
  for (const copy of await scenegraphs()) copy.textMetrics.width = width as never;
}
