/**
 * Ranges and confidence intervals: `low–high` with an en dash (`low to high` when a bound is
 * negative, so a minus sign is never read as the dash), and `estimate [low–high]` in tables.
 */
import { formatNumber } from './numbers.js';
import { formatPct } from './ratios.js';

type Format = (x: number) => string;

/** `9.4–10`, `1,912–2,011`, `-0.31 to +0.12`. */
export function formatRange(low: number, high: number, format: Format = formatNumber): string {
  return low < 0 || high < 0 ? `${format(low)} to ${format(high)}` : `${format(low)}–${format(high)}`;
}

/** What an interval is of, in words: `95% CI of the ratio of geometric means 9.4–10`. */
export function formatCi(low: number, high: number, of?: string, level = 0.95, format: Format = formatNumber): string {
  return `${formatPct(level)} CI${of ? ` of the ${of}` : ''} ${formatRange(low, high, format)}`;
}

/** A table cell: `9,882 [9,654–10,110]`; one run, no interval: `9,882 (1 run, no CI)`. */
export function formatWithInterval(estimate: number, interval: { low: number; high: number } | undefined, format: Format = formatNumber): string {
  return interval ? `${format(estimate)} [${formatRange(interval.low, interval.high, format)}]` : `${format(estimate)} (1 run, no CI)`;
}
