/**
 * A plain-text table for the terminal: a header, a rule of dashes, the rows; columns padded
 * to their widest cell, left-aligned text, right-aligned figures, two spaces between.
 */

export interface TextTableOptions {
  /** How many leading columns are text (left-aligned); the rest are figures (default 1). */
  leftColumns?: number;
}

export function textTable(header: readonly string[], rows: readonly (readonly string[])[], options: TextTableOptions = {}): string {
  const leftColumns = options.leftColumns ?? 1;
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    widths
      .map((w, i) => (i < leftColumns ? (cells[i] ?? '').padEnd(w) : (cells[i] ?? '').padStart(w)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
