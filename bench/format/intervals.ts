/**
 * Ranges and confidence intervals: `low–high` with an en dash (`low to high` when a bound has
 * a sign, so a minus is never read as the dash), and `estimate [low–high]` in tables.
 */
import { formatNumber } from './numbers.js';
import { formatPct } from './ratios.js';

type Format = (x: number) => string;

/** `9.4–10`, `1,912–2,011`; `-0.31 to 0.12`, `+0.012 to +0.040` when a bound has a sign. */
export function formatRange(low: number, high: number, format: Format = formatNumber): string {
  const [a, b] = [format(low), format(high)];
  return /^[-+]/.test(a) || /^[-+]/.test(b) ? `${a} to ${b}` : `${a}–${b}`;
}

/** What an interval is of, in words: `95% CI of the ratio of geometric means 9.4–10`. */
export function formatCi(low: number, high: number, of?: string, level = 0.95, format: Format = formatNumber): string {
  return `${formatPct(level)} CI${of ? ` of the ${of}` : ''} ${formatRange(low, high, format)}`;
}

/** A table cell: `9,882 [9,654–10,110]`; one run, no interval: `9,882 (1 run, no CI)`. */
export function formatWithInterval(estimate: number, interval: { low: number; high: number } | undefined, format: Format = formatNumber): string {
  return interval ? `${format(estimate)} [${formatRange(interval.low, interval.high, format)}]` : `${format(estimate)} (1 run, no CI)`;
}
