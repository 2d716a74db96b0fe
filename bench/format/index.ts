/**
 * How every output prints numbers (terminal tables, summary.md, index.html, chart labels,
 * claims' evidence, the micro and peer tables): one module, one convention.
 * - numbers: 3 significant digits below 1,000, grouped integers above; fixed decimals only in
 *   table columns that line up;
 * - durations: `ms` below one second, `s` above;
 * - bytes: binary units, IEC names (KiB, MiB, GiB);
 * - ratios: `×`;
 * - ranges and intervals: an en dash, `[low–high]` after the estimate.
 */
export { BYTES_PER_GIB, BYTES_PER_KIB, BYTES_PER_MIB, bytesToMib, formatBytes, vegaBytesLabelExpr } from './bytes.js';
export { formatMs, formatUs } from './durations.js';
export { formatCi, formatRange, formatWithInterval } from './intervals.js';
export { formatConnections, formatParams, formatRps } from './labels.js';
export { formatFixed, formatNumber, formatSigned, groupThousands, roundTo } from './numbers.js';
export { formatP, formatPct, formatRatio, RATIO_SYMBOL } from './ratios.js';
export { textTable, type TextTableOptions } from './text-table.js';
