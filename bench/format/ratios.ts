/**
 * Ratios and speed-ups, with one symbol: `×` (U+00D7), never a letter x. Percentages and
 * p-values beside them.
 */
import { formatFixed, formatNumber } from './numbers.js';

export const RATIO_SYMBOL = '×';

/** `1.86×`, `9.7×`, `37×`, `97,600×` (3 significant digits); `∞×` when unbounded. */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return `∞${RATIO_SYMBOL}`;
  return `${formatNumber(Math.abs(ratio) >= 1000 ? Number(ratio.toPrecision(3)) : ratio)}${RATIO_SYMBOL}`;
}

/**
 * A fraction as a percentage: by default 3 significant digits (`0.05` → `5%`, `0.977` →
 * `97.7%`, `0.025` → `2.5%`); with `digits`, that many decimals for table columns
 * (`0.977`, 0 → `98%`; `0.0093`, 1 → `0.9%`).
 */
export function formatPct(fraction: number, digits?: number): string {
  return `${digits === undefined ? formatNumber(fraction * 100) : formatFixed(fraction * 100, digits)}%`;
}

/** A p-value: `p=0.012`, `p<0.001`. */
export function formatP(p: number): string {
  return p < 0.001 ? 'p<0.001' : `p=${p.toFixed(3)}`;
}
